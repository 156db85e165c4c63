"""Korean templates of every gru_course.checks message, keyed by the English template (i18n.py)."""

MESSAGES: dict[str, str] = {}
