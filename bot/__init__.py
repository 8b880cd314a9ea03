"""portdesk: the support-inbox bot for number-porting mail."""

__version__ = "0.1.0"
