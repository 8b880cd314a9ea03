"""Real-server test infrastructure: a throwaway Dovecot IMAP server and an SMTP sink.

The pytest fixtures live in ``tests.servers.plugin``; see README.md in this folder.
"""
