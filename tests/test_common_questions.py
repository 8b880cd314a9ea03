"""Questions about a port that have a standard answer (will the line go dead, at what time,
is there a form, how to send the documents, how long it takes) are answered in the reply, in
the customer's language and as the case type answers them; questions on other topics, and
questions already answered before, are not."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.extract.common_questions import common_questions
from bot.model import CaseContext, CaseType
from bot.parse import parse_mail
from bot.pipeline import respond
from replies.locales import available, locale
from tests.factories import answered, porting_mail


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will the line be dead for days while it moves?", ("interruption",)),
        ("Geht das ohne Unterbrechung?", ("interruption",)),
        ("Cosa dobbiamo fare perché avvenga senza interruzioni?", ("interruption",)),
        ("Ci sarà un'interruzione del servizio?", ("interruption",)),
        ("¿Cómo hacemos para que el número pase sin quedarnos sin línea?", ("interruption",)),
        ("E vou ficar sem serviço nessa madrugada?", ("interruption",)),
        ("Est-ce que nos numéros risquent d'être coupés le jour du transfert ?", ("interruption",)),
        ("Can you confirm what time of day the cutover happens?", ("time_of_day",)),
        ("Und zu welcher Uhrzeit ungefähr?", ("time_of_day",)),
        ("Il 19 va bene, ma a che ora avviene il passaggio?", ("time_of_day",)),
        ("La bascule du 12 se fait à quelle heure ?", ("time_of_day",)),
        ("Is there a form I should fill in?", ("form",)),
        ("¿Me mandan el formulario de autorización?", ("form",)),
        ("Ci mandate il modulo?", ("form",)),
        ("Reicht es, wenn sie das Formular zurückfaxt?", ("form", "sending")),
        ("Wo schicke ich sie hin?", ("sending",)),
        # A form asked for outright is asked for all the same.
        ("Send me whatever form is missing and move them.", ("form",)),
        ("Mandem-me o formulário, ou o link, ou digam-me a quem ligo.", ("form",)),
        ("how long does it take to bring a number over from AT&T?", ("duration",)),
        ("Quanto ci vuole di solito?", ("duration",)),
        ("Est-ce possible sans coupure, et combien de temps faut-il prévoir ?",
         ("interruption", "duration")),
        ("AT&T account is under my wife name, is this problem?", ("holder",)),
        ("Chi firma, io o direttore?", ("holder",)),
        ("Qui doit signer ?", ("holder",)),
        ("Müssen alle vier gleichzeitig umziehen, oder eine nach der anderen?", ("together",)),
        ("E gli altri due numeri che ho da voi restano attivi?", ("together",)),
        # How long the line is down asks about the interruption, not the port's time.
        ("Und wie lange ist die Nummer dann nicht erreichbar?", ("interruption",)),
    ],
)  # fmt: skip
def test_a_question_is_read_for_its_topics(text: str, expected: tuple[str, ...]) -> None:
    assert common_questions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Not a question.
        "We need this done without any interruption.",
        # A greeting is no time of day; a PDF "form" of a bill is no LOA form either way.
        "Good morning, can you port our number?",
        # A complaint about the wait, which the template for a waiting request answers.
        "Porque é que demora uma semana?",
        "Why is this taking so long?",
        # A bill, not the line, goes on "without interruption".
        "E AT&T continua a fatturare internet senza interruzioni?",
        # Our web form refusing a number is a fault for a person, not a question about forms.
        "How am I supposed to submit it if your form won't even take the number?",
        "¿Por qué el formulario de portabilidad me rechaza el código postal?",
    ],
)
def test_other_questions_have_no_standard_topic(text: str) -> None:
    assert common_questions(text) is None


def test_a_port_in_is_told_the_line_keeps_working_and_that_the_loa_is_the_form() -> None:
    outcome = answered(
        "Port our number",
        "Hello, we would like to port our number (415) 555-0123 from AT&T to you. Is there a "
        "form I should fill in? And will the line be dead for days during the move? Thanks, "
        "Jane",
    )
    assert outcome.classification is not None
    assert outcome.classification.case_type is CaseType.PORT_IN
    assert outcome.draft is not None
    text = outcome.draft.text
    words = locale("en")
    assert words.text("common_answers", "interruption") in text
    assert words.text("common_answers", "form") in text
    # No download is offered where the operator configured no form.
    assert "download our LOA form" not in text
    # The HTML alternative says the same.
    assert "the LOA is the only form a port needs" in outcome.draft.html


def test_the_loa_form_configured_is_offered_to_whoever_asks_for_a_form() -> None:
    settings = load_settings(
        None, {"PORTDESK_REPLIES__LOA_FORM": "https://www.portdesk.example/forms/loa.pdf"}
    )
    mail = parse_mail(
        porting_mail(
            body="Hola, queremos portar el (312) 555-0147 desde AT&T. ¿Me mandan el formulario "
            "de autorización? Gracias, Jane"
        )
    )
    outcome = respond(mail, CaseContext(token="P-1"), settings)
    assert outcome.draft is not None
    assert outcome.draft.language == "es"
    words = locale("es")
    assert words.text("common_answers", "form") in outcome.draft.text
    assert (
        words.text(
            "common_answers", "form_download", url="https://www.portdesk.example/forms/loa.pdf"
        )
        in outcome.draft.text
    )


@pytest.mark.parametrize(
    ("message", "case_type", "language", "said", "not_said"),
    [
        (
            (
                "Port",
                "Hi, we want to bring (415) 555-0123 over from AT&T. The AT&T account is under my "
                "wife name, is this a problem? Thanks, Jane",
            ),
            CaseType.PORT_IN,
            "en",
            ("holder",),
            ("holder_port_out",),
        ),
        (
            (
                "Portabilità",
                "Buongiorno, passiamo a TIM con il +39 02 1234 5692. E gli altri due numeri che ho "
                "da voi restano attivi? Grazie, Jane",
            ),
            CaseType.PORT_OUT,
            "it",
            ("together_port_out",),
            ("together",),
        ),
        # A port away has no form with us, and its line keeps working with us: the port-in's
        # answers, which speak of the current carrier, are not given.
        (
            (
                "Portabilité sortante",
                "Bonjour, nous partons chez Telus avec le (514) 555-0142. Est-ce que vous avez un "
                "formulaire de départ ? Est-ce que nos numéros risquent d'être coupés le jour du "
                "transfert ? Merci, Jane",
            ),
            CaseType.PORT_OUT,
            "fr",
            ("form_port_out", "interruption_port_out"),
            ("form", "interruption"),
        ),
        (
            (
                "Portierung Berlin",
                "Guten Tag, wir möchten unsere Berliner Festnetznummer +49 30 23125 000 von der "
                "Telekom zu Ihnen portieren. Wie lange dauert das ungefähr? Viele Grüße, Jane",
            ),
            CaseType.PORT_IN_INTERNATIONAL,
            "de",
            ("duration_international",),
            ("duration",),
        ),
        # A status enquiry is told the time of day; a form is past, and its own template
        # answers when.
        (
            (
                "Port status",
                "Hi, what is the status of the port of (415) 555-0123? Is the 22nd confirmed, and "
                "at what time of day does the switch happen? Is there a form I should fill in? "
                "Thanks, Jane",
            ),
            CaseType.PORT_STATUS,
            "en",
            ("time_of_day",),
            ("form",),
        ),
    ],
)
def test_each_case_type_gives_its_own_answer(
    message: tuple[str, str],
    case_type: CaseType,
    language: str,
    said: tuple[str, ...],
    not_said: tuple[str, ...],
) -> None:
    outcome = answered(*message)
    assert outcome.classification is not None
    assert outcome.classification.case_type is case_type
    assert outcome.draft is not None
    assert outcome.draft.language == language
    words = locale(language)
    for key in said:
        assert words.text("common_answers", key) in outcome.draft.text
    for key in not_said:
        assert words.text("common_answers", key) not in outcome.draft.text


def test_a_port_from_germany_is_told_its_countrys_lead_time() -> None:
    outcome = answered(
        "Portierung Berlin",
        "Guten Tag, wir möchten unsere Berliner Festnetznummer +49 30 23125 000 von der "
        "Telekom zu Ihnen portieren. Wie lange dauert das ungefähr? Viele Grüße, Jane",
    )
    assert outcome.draft is not None
    assert "Im Land der Rufnummern (Deutschland)" in outcome.draft.text
    assert "45 Arbeitstage" in outcome.draft.text


def test_how_long_is_not_answered_twice_where_the_reply_asks_for_the_port_date() -> None:
    outcome = answered(
        "Port",
        "Hi, how long does it take to bring (415) 555-0123 over from AT&T? Thanks, Jane",
    )
    assert outcome.draft is not None
    assert "port_date" in outcome.decision.missing
    # The port-date paragraph already says 5 to 10 business days: said once.
    assert outcome.draft.text.count("5 to 10 business days") == 1
    assert locale("en").text("common_answers", "duration") not in outcome.draft.text


def test_a_question_quoted_from_an_earlier_message_is_not_answered_again() -> None:
    outcome = answered(
        "Re: Port our number",
        "Here is the signed LOA for (415) 555-0123. Thanks, Jane\n\n"
        "On Mon, 16 Nov 2026 at 09:12, Jane Doe <jane@acme-dental.example> wrote:\n"
        "> Will the line be dead for days while it moves?\n",
    )
    assert outcome.draft is not None
    assert "About the interruption" not in outcome.draft.text


def test_every_language_answers_every_topic() -> None:
    english = locale("en").tables["common_answers"]
    for language in available():
        table = locale(language).tables.get("common_answers", {})
        assert set(table) == set(english), language
