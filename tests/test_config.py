"""Configuration: the embedded default works, and every mistake names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.errors import ConfigError

MINIMAL = """
[source]
kind = "maildir"
[source.maildir]
path = "/srv/mail"
[store]
url = "sqlite:////tmp/x.sqlite"
[outbox]
kind = "files"
directory = "/tmp/outbox"
[identity]
address = "support@portdesk.example"
message_id_domain = "portdesk.example"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "portdesk.toml"
    path.write_text(text)
    return path


def test_embedded_default_reads_the_bundled_inbox() -> None:
    settings = load_settings(None, environ={})
    assert settings.origin == "embedded default"
    assert settings.source.maildir is not None
    assert (settings.source.maildir.path / "new").is_dir()
    assert settings.store.url.startswith("sqlite:///")


def test_example_config_is_valid() -> None:
    example = Path(__file__).resolve().parents[1] / "config.example.toml"
    settings = load_settings(example, environ={})
    assert settings.source.imap is not None
    assert settings.source.imap.password_env == "PORTDESK_IMAP_PASSWORD"


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "[screen]\nmax_replies = 3\n")
    with pytest.raises(ConfigError) as error:
        load_settings(path, environ={})
    assert f"{path}: screen.max_replies: unknown key" in str(error.value)


def test_wrong_type_names_key_and_problem(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + '[screen]\nmax_auto_replies_per_address = "many"\n')
    with pytest.raises(ConfigError, match=r"screen\.max_auto_replies_per_address: .*integer"):
        load_settings(path, environ={})


def test_missing_required_value(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace('message_id_domain = "portdesk.example"\n', ""))
    with pytest.raises(ConfigError, match=r"identity\.message_id_domain: Field required"):
        load_settings(path, environ={})


def test_source_kind_needs_its_section(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace('kind = "maildir"', 'kind = "imap"'))
    with pytest.raises(ConfigError, match=r"needs a \[source\.imap\] section"):
        load_settings(path, environ={})


def test_password_in_the_file_is_refused(tmp_path: Path) -> None:
    text = MINIMAL + '[outbox.smtp]\nhost = "smtp.example.net"\npassword = "hunter2"\n'
    with pytest.raises(ConfigError, match=r"outbox\.smtp\.password: secrets are not read"):
        load_settings(write(tmp_path, text), environ={})


def test_environment_overrides_a_setting_by_its_path(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    settings = load_settings(
        path,
        environ={
            "PORTDESK_STORE__URL": "postgresql+psycopg://portdesk@db.example/portdesk",
            "PORTDESK_SCREEN__MAX_AUTO_REPLIES_PER_ADDRESS": "5",
        },
    )
    assert settings.store.url == "postgresql+psycopg://portdesk@db.example/portdesk"
    assert settings.screen.max_auto_replies_per_address == 5


def test_secret_variables_named_like_settings_are_not_taken_for_settings(
    tmp_path: Path,
) -> None:
    # config.example.toml names PORTDESK_IMAP_PASSWORD in password_env; it must not be an
    # override (overrides always have a section: PORTDESK_SECTION__KEY).
    settings = load_settings(
        write(tmp_path, MINIMAL), environ={"PORTDESK_IMAP_PASSWORD": "s3cret", "PORTDESK_X": "1"}
    )
    assert settings.store.url == "sqlite:////tmp/x.sqlite"


def test_unknown_setting_in_the_environment_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"store\.uri: unknown key"):
        load_settings(write(tmp_path, MINIMAL), environ={"PORTDESK_STORE__URI": "x"})


def test_config_path_from_environment(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    assert load_settings(None, environ={"PORTDESK_CONFIG": str(path)}).origin == str(path)


def test_secret_comes_from_named_file_or_variable(tmp_path: Path) -> None:
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret\n")
    text = MINIMAL.replace('kind = "files"\ndirectory = "/tmp/outbox"', 'kind = "smtp"')
    text += f'[outbox.smtp]\nhost = "smtp.example.net"\npassword_file = "{secret}"\n'
    settings = load_settings(write(tmp_path, text), environ={})
    assert settings.outbox.smtp is not None
    assert settings.outbox.smtp.secret() == "s3cret"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(tmp_path / "absent.toml", environ={})


def test_invalid_toml_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[source\nkind="), environ={})


def test_review_policy_per_action_and_case_type(tmp_path: Path) -> None:
    text = MINIMAL + '[review]\nsend_actions = ["ask_missing"]\n[review.case_types]\n'
    text += 'port_out = ["ask_missing", "send_instructions"]\nport_rejection = []\n'
    review = load_settings(write(tmp_path, text), environ={}).review
    assert review.sends("ask_missing", "port_in")
    assert not review.sends("send_instructions", "port_in")
    assert review.sends("send_instructions", "port_out")
    assert not review.sends("ask_missing", "port_rejection")


def test_review_policy_names_unknown_case_types(tmp_path: Path) -> None:
    text = MINIMAL + "[review.case_types]\nport_inn = []\n"
    with pytest.raises(ConfigError, match=r"review\.case_types\.port_inn"):
        load_settings(write(tmp_path, text), environ={})


def test_the_secure_channel_in_each_reply_language(tmp_path: Path) -> None:
    text = MINIMAL + (
        '[replies]\nsecure_channel = { en = "the Security page", '
        'de = "die Sicherheitsseite Ihres Kontos" }\n'
    )
    replies = load_settings(write(tmp_path, text), environ={}).replies
    assert replies.secure_channel_in("de") == "die Sicherheitsseite Ihres Kontos"
    # Languages without an entry get the English one.
    assert replies.secure_channel_in("it") == "the Security page"


def test_a_secure_channel_table_without_english_is_refused(tmp_path: Path) -> None:
    text = MINIMAL + '[replies]\nsecure_channel = { de = "die Sicherheitsseite" }\n'
    with pytest.raises(ConfigError, match=r"secure_channel.*\"en\""):
        load_settings(write(tmp_path, text), environ={})
