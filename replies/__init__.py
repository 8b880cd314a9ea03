"""Draft stage: replies from Jinja2 templates, worded in the customer's language."""

from replies.render import ReplyContext, render_draft, render_notice, reply_subject

__all__ = ["ReplyContext", "render_draft", "render_notice", "reply_subject"]
