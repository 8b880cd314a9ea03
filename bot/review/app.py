"""The review page's routes: login, the queue, a case and the actions on it, the audit.

Every page but the login page needs a session; every form carries the session's CSRF token;
every agent action is written with who and when (bot/store/review.py).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.config import Settings
from bot.digest.chart import chart_png
from bot.digest.figures import Digest
from bot.digest.queries import build_digest
from bot.digest.render import digest_html
from bot.model import CaseType
from bot.outbox.compose import recompose
from bot.outbox.dispatch import send_due
from bot.outbox.notices import notices_for
from bot.outbox.senders import make_sender
from bot.pipeline import read, respond, screen_context
from bot.review.auth import AddressThrottle, check_login, new_csrf_token, same_token
from bot.review.case_page import attachment, case_page, draft_text, same_text
from bot.runner import case_facts_json, draft_reply, outcome_summary
from bot.security.secrets import SecretBox
from bot.store import Store, case_token, utcnow
from bot.store.review import (
    Edit,
    QueueFilters,
    Redraft,
    ReviewConflict,
    add_note,
    agent_by_email,
    approve,
    assign,
    case_record,
    next_waiting,
    queue,
    reject,
    replace_draft,
)
from bot.store.tables import AgentRow, OutboxRow

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
ACTIONS = ("ask_missing", "send_csr", "send_instructions", "acknowledge", "refer_to_agent")
LANGUAGES = ("en", "de", "it", "pt", "es", "fr")
_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    """Pages never framed, never sniffed, never cached; scripts and styles only our own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                named = {name.lower() for name, _ in headers}
                # A page may set a stricter or different policy of its own (the digest does).
                headers += [(k, v) for k, v in _HEADERS if k not in named]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class Review:
    """The page's state: settings, store, templates and the login throttle."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.throttle = AddressThrottle()
        self.templates = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["age"] = _age

    def render(self, request: Request, name: str, status: int = 200, **values: Any) -> Response:
        agent = values.pop("agent", None)
        flash = request.session.pop("flash", "") if "session" in request.scope else ""
        html = self.templates.get_template(name).render(
            agent=agent,
            csrf=request.session.get("csrf", "") if "session" in request.scope else "",
            flash=flash,
            **values,
        )
        return HTMLResponse(html, status_code=status)

    def token(self, case_id: int) -> str:
        return case_token(self.settings.identity.case_token_prefix, case_id)


def _age(since: datetime | None) -> str:
    if since is None:
        return ""
    minutes = int((utcnow() - since).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60:02d} min"
    return f"{minutes // 1440} d {minutes % 1440 // 60} h"


Handler = Callable[[Request, "Review", AgentRow], Response]


def signed_in(*, manager: bool = False, form: bool = False) -> Callable[[Handler], Any]:
    """Only for a live session of an active agent; a form also needs the session's CSRF token."""

    def wrap(handler: Handler) -> Any:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            review: Review = request.app.state.review
            email = request.session.get("agent")
            agent = agent_by_email(review.store, email) if isinstance(email, str) else None
            if agent is None or not agent.active:
                if email is not None:
                    # A disabled or removed agent's session ends here; an anonymous visitor's
                    # session (the login form's CSRF token) is left alone.
                    request.session.clear()
                if request.method == "GET":
                    return RedirectResponse("/login?" + urlencode({"next": request.url.path}), 303)
                return HTMLResponse("Not signed in.", status_code=401)
            if manager and agent.role != "manager":
                return HTMLResponse("Managers only.", status_code=403)
            if form:
                data = await request.form()
                if not same_token(request.session.get("csrf"), data.get("csrf")):
                    return HTMLResponse("The form has expired: reload the page.", status_code=403)
                request.state.form = {k: str(v) for k, v in data.items() if isinstance(v, str)}
            return await _in_thread(handler, request, review, agent)

        return endpoint

    return wrap


async def _in_thread(
    handler: Handler, request: Request, review: Review, agent: AgentRow
) -> Response:

    return await run_in_threadpool(handler, request, review, agent)


# Login -------------------------------------------------------------------------------------


async def login_page(request: Request) -> Response:
    review: Review = request.app.state.review
    if "csrf" not in request.session:
        request.session["csrf"] = new_csrf_token()
    return review.render(request, "login.html.j2", next=request.query_params.get("next", "/"))


async def login(request: Request) -> Response:
    review: Review = request.app.state.review
    data = await request.form()
    if not same_token(request.session.get("csrf"), data.get("csrf")):
        request.session["csrf"] = new_csrf_token()
        return review.render(
            request,
            "login.html.j2",
            status=403,
            problem="The page had expired: please sign in again.",
            next=str(data.get("next", "/")),
        )
    client = request.client.host if request.client else "unknown"
    result = await _threaded_login(
        review, client, str(data.get("email", "")), str(data.get("password", ""))
    )
    if result.agent is None:
        log.warning("review login refused client=%s", client)
        return review.render(request, "login.html.j2", status=401, problem=result.problem, next="/")
    request.session.clear()
    request.session.update(
        {"agent": result.agent.email, "csrf": new_csrf_token(), "since": utcnow().isoformat()}
    )
    target = str(data.get("next", "/"))
    # Only a path on this site: never an open redirect.
    return RedirectResponse(
        target if target.startswith("/") and not target.startswith("//") else "/", 303
    )


async def _threaded_login(review: Review, client: str, email: str, password: str) -> Any:

    return await run_in_threadpool(
        functools.partial(
            check_login,
            review.store,
            settings=review.settings.review,
            throttle=review.throttle,
            client=client,
            email=email,
            password=password,
        )
    )


@signed_in(form=True)
def logout(request: Request, review: Review, agent: AgentRow) -> Response:
    request.session.clear()
    return RedirectResponse("/login", 303)


# Queue -------------------------------------------------------------------------------------


@signed_in()
def queue_page(request: Request, review: Review, agent: AgentRow) -> Response:
    params = request.query_params
    filters = QueueFilters(
        case_type=params.get("case_type", ""),
        action=params.get("action", ""),
        language=params.get("language", ""),
        assignee=params.get("assignee", ""),
    )
    try:
        page = queue(review.store, filters, agent.email, params.get("after") or None)
    except ValueError:
        return HTMLResponse("Not a page of the queue.", status_code=400)
    target = review.settings.review.response_target_hours * 3600
    now = utcnow()
    rows = [
        {
            "item": item,
            "token": review.token(item.case_id),
            "overdue": (now - item.waiting_since).total_seconds() > target,
        }
        for item in page.items
    ]
    query = {k: v for k, v in params.items() if k != "after" and v}
    return review.render(
        request,
        "queue.html.j2",
        agent=agent,
        rows=rows,
        total=page.total,
        filters=filters,
        next_url=(
            f"/?{urlencode({**query, 'after': page.next_cursor})}" if page.next_cursor else ""
        ),
        case_types=[c.value for c in CaseType],
        actions=ACTIONS,
        languages=LANGUAGES,
        target_hours=review.settings.review.response_target_hours,
    )


# Case --------------------------------------------------------------------------------------


@signed_in()
def case_view(request: Request, review: Review, agent: AgentRow) -> Response:
    case_id = int(request.path_params["case_id"])
    record = case_record(review.store, case_id)
    if record is None:
        return HTMLResponse("No such case.", status_code=404)
    page = case_page(
        review.store, record, review.token(case_id), review.settings.review.response_target_hours
    )
    return review.render(
        request,
        "case.html.j2",
        agent=agent,
        case=page,
        case_types=[c.value for c in CaseType],
    )


@signed_in()
def next_case(request: Request, review: Review, agent: AgentRow) -> Response:
    after = int(request.path_params["case_id"])
    found = next_waiting(review.store, after, agent.email)
    return RedirectResponse(f"/case/{found}" if found else "/", 303)


def _after_action(request: Request, following: int | None, done: str) -> Response:
    """On to the case that followed this one in the queue (found before this one left it)."""
    request.session["flash"] = done
    return RedirectResponse(f"/case/{following}" if following else "/", 303)


def _waiting_draft_of(review: Review, case_id: int, draft_id: int) -> OutboxRow | None:
    record = case_record(review.store, case_id)
    if record is None:
        return None
    return next(
        (r for r in record.replies if r.id == draft_id and r.status == "awaiting_review"), None
    )


@signed_in(form=True)
def approve_draft(request: Request, review: Review, agent: AgentRow) -> Response:
    case_id = int(request.path_params["case_id"])
    form = request.state.form
    draft = _waiting_draft_of(review, case_id, int(form.get("draft_id", "0")))
    if draft is None or draft.id is None:
        return _conflict(request, case_id)
    before = draft_text(draft.raw)
    after = form.get("text", before).replace("\r\n", "\n")
    if not after.strip():
        request.session["flash"] = "The draft is empty: write the reply, or reject the draft."
        return RedirectResponse(f"/case/{case_id}", 303)
    following = next_waiting(review.store, case_id, agent.email)
    edit = None
    if not same_text(before, after):
        mail = read(
            review.store.load(draft.reply_to_message).raw, screen_context(review.settings)
        ).mail
        record = case_record(review.store, case_id)
        assert record is not None
        edit = Edit(
            raw=recompose(draft.raw, after, review.settings.identity.loop_header),
            before=before,
            after=after,
            case_type=record.case.case_type,
            subject=mail.subject,
            text=mail.new_text,
            language=record.case.language,
        )
    try:
        approve(review.store, draft.id, agent.email, edit)
    except ReviewConflict:
        return _conflict(request, case_id)
    _send_now(review)
    done = "Edited and sent." if edit else "Approved and sent."
    return _after_action(request, following, f"{review.token(case_id)}: {done}")


@signed_in(form=True)
def reject_draft(request: Request, review: Review, agent: AgentRow) -> Response:
    case_id = int(request.path_params["case_id"])
    form = request.state.form
    reason = form.get("reason", "").strip()
    if not reason:
        request.session["flash"] = "Say why the draft is rejected."
        return RedirectResponse(f"/case/{case_id}", 303)
    draft = _waiting_draft_of(review, case_id, int(form.get("draft_id", "0")))
    if draft is None or draft.id is None:
        return _conflict(request, case_id)
    following = next_waiting(review.store, case_id, agent.email)
    try:
        reject(review.store, draft.id, agent.email, reason)
    except ReviewConflict:
        return _conflict(request, case_id)
    return _after_action(request, following, f"{review.token(case_id)}: draft rejected.")


@signed_in(form=True)
def reclassify(request: Request, review: Review, agent: AgentRow) -> Response:
    case_id = int(request.path_params["case_id"])
    form = request.state.form
    try:
        new_type = CaseType(form.get("case_type", ""))
    except ValueError:
        return HTMLResponse("Not a case type.", status_code=400)
    draft = _waiting_draft_of(review, case_id, int(form.get("draft_id", "0")))
    context = review.store.case_context(case_id, review.settings.identity.case_token_prefix)
    if draft is None or draft.id is None or context is None:
        return _conflict(request, case_id)
    settings = review.settings
    mail = read(review.store.load(draft.reply_to_message).raw, screen_context(settings)).mail
    before = context.case_type.value if context.case_type else "other"
    sender = mail.sender.email if mail.sender else ""
    regions = review.store.account_regions(sender) if sender else ()
    outcome = respond(
        mail, context, settings, review.store.records, new_type, account_regions=regions
    )
    classification = outcome.classification
    assert classification is not None
    redraft = Redraft(
        case_type=new_type.value,
        language=classification.language,
        action=outcome.decision.action.value,
        result_json=outcome_summary(outcome, f"reclassified by {agent.email}"),
        case_facts_json=case_facts_json(outcome, review.store),
        reply=draft_reply(settings, outcome, mail, send=False),
        subject=mail.subject,
        text=mail.new_text,
        notices=notices_for(outcome, context.token, settings),
    )
    try:
        replace_draft(review.store, draft.id, agent.email, before, redraft)
    except ReviewConflict:
        return _conflict(request, case_id)
    if redraft.notices:
        # The new draft waits for review; a notice to a contact of record goes now.
        _send_now(review)
    request.session["flash"] = f"Reclassified as {new_type.value}: rules and draft redone."
    return RedirectResponse(f"/case/{case_id}", 303)


@signed_in(form=True)
def assign_to_me(request: Request, review: Review, agent: AgentRow) -> Response:
    case_id = int(request.path_params["case_id"])
    assign(review.store, case_id, agent.email)
    request.session["flash"] = "Assigned to you."
    return RedirectResponse(f"/case/{case_id}", 303)


@signed_in(form=True)
def note(request: Request, review: Review, agent: AgentRow) -> Response:
    case_id = int(request.path_params["case_id"])
    text = request.state.form.get("text", "").strip()
    if text:
        add_note(review.store, case_id, agent.email, text)
        request.session["flash"] = "Note added."
    return RedirectResponse(f"/case/{case_id}", 303)


@signed_in()
def download(request: Request, review: Review, agent: AgentRow) -> Response:
    case_id = int(request.path_params["case_id"])
    pk, index = int(request.path_params["pk"]), int(request.path_params["index"])
    record = case_record(review.store, case_id)
    if record is None or pk not in {m.id for m in record.messages}:
        return HTMLResponse("No such attachment.", status_code=404)
    found = attachment(review.store, pk, index)
    if found is None:
        return HTMLResponse("No such attachment.", status_code=404)
    filename, payload = found
    # Always a download, never shown inline: an attachment is never rendered in our origin.
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in filename) or "attachment"
    return Response(
        payload,
        media_type="application/octet-stream",
        headers={"content-disposition": f'attachment; filename="{safe}"'},
    )


def _digest_day(request: Request, review: Review) -> date:
    zone = ZoneInfo(review.settings.digest.timezone)
    given = request.query_params.get("date", "")
    try:
        return date.fromisoformat(given)
    except ValueError:
        return utcnow().astimezone(zone).date() - timedelta(days=1)


def _digest_of(request: Request, review: Review) -> Digest:
    settings = review.settings
    return build_digest(
        review.store,
        _digest_day(request, review),
        settings.digest.timezone,
        settings.review.response_target_hours,
    )


@signed_in(manager=True)
def digest_page(request: Request, review: Review, agent: AgentRow) -> Response:
    figures = _digest_of(request, review)
    html = digest_html(figures, f"/digest/chart.png?date={figures.day.isoformat()}")
    # The email's HTML as it is: inline styles (for mail clients), our chart, nothing else.
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
    return HTMLResponse(html, headers={"content-security-policy": policy})


@signed_in(manager=True)
def digest_chart(request: Request, review: Review, agent: AgentRow) -> Response:
    return Response(chart_png(_digest_of(request, review).chart), media_type="image/png")


@signed_in(manager=True)
def audit_page(request: Request, review: Review, agent: AgentRow) -> Response:
    return review.render(
        request, "audit.html.j2", agent=agent, rows=review.store.disclosures(limit=500)
    )


def _conflict(request: Request, case_id: int) -> Response:
    request.session["flash"] = "That draft is no longer waiting: another agent acted on it."
    return RedirectResponse(f"/case/{case_id}", 303)


def _send_now(review: Review) -> None:
    """Send what was just approved; a failure leaves it queued for the daemon's retries."""
    settings = review.settings
    try:
        send_due(
            review.store,
            make_sender(settings.outbox),
            settings.outbox,
            settings.identity.address,
            worker=f"review:{settings.worker_id}",
            claim_seconds=settings.workers.claim_seconds,
            keep_copies=settings.sent_folder is not None,
        )
    except Exception:
        log.exception("sending after approval failed; the daemon will retry")


def create_app(settings: Settings, store: Store, box: SecretBox) -> Starlette:
    """The review page for this installation; `box` derives the session-signing key."""
    routes = [
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/", queue_page, methods=["GET"]),
        Route("/case/{case_id:int}", case_view, methods=["GET"]),
        Route("/case/{case_id:int}/next", next_case, methods=["GET"]),
        Route("/case/{case_id:int}/approve", approve_draft, methods=["POST"]),
        Route("/case/{case_id:int}/reject", reject_draft, methods=["POST"]),
        Route("/case/{case_id:int}/reclassify", reclassify, methods=["POST"]),
        Route("/case/{case_id:int}/assign", assign_to_me, methods=["POST"]),
        Route("/case/{case_id:int}/note", note, methods=["POST"]),
        Route(
            "/case/{case_id:int}/message/{pk:int}/attachment/{index:int}",
            download,
            methods=["GET"],
        ),
        Route("/audit", audit_page, methods=["GET"]),
        Route("/digest", digest_page, methods=["GET"]),
        Route("/digest/chart.png", digest_chart, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=box.derive("review session").hex(),
            session_cookie="portdesk_session",
            max_age=int(settings.review.session_hours * 3600),
            same_site="strict",
            https_only=settings.review.secure_cookies,
        ),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.review = Review(settings, store)
    return app
