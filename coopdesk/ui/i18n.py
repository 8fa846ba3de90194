"""Translations the Qt way. The source strings are Swedish (the users' language, so the program is
Swedish even without any .qm file); English comes from coopdesk/resources/translations/coopdesk_en.qm.
Qt's own qtbase_sv is loaded for Swedish so that standard buttons and dialogs speak Swedish too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from coopdesk.app import places

LANGUAGES = {"sv": "Svenska", "en": "English"}


def chosen_language() -> str:
    value = QSettings().value("language", "sv")
    return value if value in LANGUAGES else "sv"


def set_chosen_language(language: str) -> None:
    QSettings().setValue("language", language)


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the translators for ``language``; they are kept referenced on the app object."""
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "sv":
        for name in ("qtbase_sv", "qt_sv"):
            translator = QTranslator(app)
            if translator.load(name, qt_dir):
                translators.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    else:
        translator = QTranslator(app)
        if translator.load(str(places.resource("translations", "coopdesk_en.qm"))):
            translators.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    for translator in translators:
        app.installTranslator(translator)
    app.setProperty("coopdesk_language", language)
    app._coopdesk_translators = translators  # type: ignore[attr-defined]  # keep them alive
    return translators
