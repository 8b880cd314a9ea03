"""The agents' review page: a small Starlette app with server-rendered Jinja2 pages."""
