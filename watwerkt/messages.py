"""The one message catalogue: every user-facing sentence, in Dutch and English.

Library code never builds user-facing prose itself; it names a message key and
its parameters, and this module renders them. Dutch (``nl``) is the default
language, English (``en``) the second; ``WATWERKT_LANG`` or
:func:`set_language` switch the default for a process.

Keys are grouped by layer (``model.``, ``dossier.``, ``coding.``, ``stats.``,
``cli.`` …). A test asserts that every key has both languages and that both
use the same ``{placeholders}``.
"""

from __future__ import annotations

import os
from typing import Final, Literal

Language = Literal["nl", "en"]

#: The languages every message exists in, default first.
LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")

_current: list[Language] = ["en" if os.environ.get("WATWERKT_LANG") == "en" else "nl"]


def get_language() -> Language:
    """Return the process-wide default language for messages."""
    return _current[0]


def set_language(lang: str) -> None:
    """Set the process-wide default language (``"nl"`` or ``"en"``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}; got {lang!r}")
    _current[0] = lang


def message(key: str, lang: str | None = None, /, **params: object) -> str:
    """Render catalogue message ``key`` in ``lang`` (default: the process language).

    Parameters are formatted with :meth:`str.format`; values are shown as
    given, so callers pass ``repr()`` where quoting matters.
    """
    entry = CATALOGUE[key]
    text = entry[lang if lang in LANGUAGES else get_language()]
    return text.format(**params) if params else text


CATALOGUE: Final[dict[str, dict[str, str]]] = {
    # ------------------------------------------------------------------ files
    "file.not_found": {
        "nl": "bestand bestaat niet",
        "en": "file does not exist",
    },
    "file.not_utf8": {
        "nl": "bestand is geen geldige UTF-8 (ongeldige byte op positie {position}); "
        "sla het op als UTF-8",
        "en": "file is not valid UTF-8 (invalid byte at position {position}); save it as UTF-8",
    },
    "file.not_found_named": {
        "nl": "bestand {path!r} bestaat niet (paden zijn relatief aan de map van dossier.yaml)",
        "en": "file {path!r} does not exist (paths are relative to the folder of dossier.yaml)",
    },
    "file.empty": {
        "nl": "bestand is leeg",
        "en": "file is empty",
    },
    "file.yaml_syntax": {
        "nl": "YAML-syntaxfout: {detail}",
        "en": "YAML syntax error: {detail}",
    },
    "file.yaml_not_mapping": {
        "nl": "verwacht een YAML-mapping (sleutel: waarde) bovenaan het bestand, kreeg {got}",
        "en": "expected a YAML mapping (key: value) at the top of the file, got {got}",
    },
    "file.yaml_duplicate_key": {
        "nl": "sleutel {key!r} komt twee keer voor (eerder op regel {first_line})",
        "en": "key {key!r} appears twice (first on line {first_line})",
    },
    "file.unsupported_sheet": {
        "nl": "codeerblad {path!r} heeft een onbekende extensie; verwacht .csv of .xlsx",
        "en": "coding sheet {path!r} has an unknown extension; expected .csv or .xlsx",
    },
    # ------------------------------------------------------------- validation
    "field.unknown": {
        "nl": "onbekend veld {field!r}{hint}",
        "en": "unknown field {field!r}{hint}",
    },
    "field.did_you_mean": {
        "nl": "; bedoelde u {suggestion!r}?",
        "en": "; did you mean {suggestion!r}?",
    },
    "field.allowed": {
        "nl": " (toegestaan: {allowed})",
        "en": " (allowed: {allowed})",
    },
    "field.missing": {
        "nl": "verplicht veld {field!r} ontbreekt",
        "en": "required field {field!r} is missing",
    },
    "field.invalid": {
        "nl": "veld {field!r}: verwacht {expected}, kreeg {got}",
        "en": "field {field!r}: expected {expected}, got {got}",
    },
    "field.rule": {
        "nl": "veld {field!r}: {rule}",
        "en": "field {field!r}: {rule}",
    },
    # Names of expected kinds of value, used inside field.invalid.
    "expect.string": {"nl": "tekst", "en": "text"},
    "expect.int": {"nl": "een geheel getal", "en": "a whole number"},
    "expect.number": {"nl": "een getal", "en": "a number"},
    "expect.bool": {"nl": "ja/nee (true/false)", "en": "true/false"},
    "expect.list": {"nl": "een lijst", "en": "a list"},
    "expect.mapping": {"nl": "een mapping (sleutel: waarde)", "en": "a mapping (key: value)"},
    "expect.one_of": {"nl": "een van {choices}", "en": "one of {choices}"},
    "expect.pattern": {
        "nl": "een code van kleine letters, cijfers, '-' of '_' (bijv. 'p1' of 'contact-leggen')",
        "en": "a code of lower-case letters, digits, '-' or '_' (e.g. 'p1' or 'make-contact')",
    },
    "expect.non_empty": {"nl": "een niet-lege waarde", "en": "a non-empty value"},
    "expect.at_least": {"nl": "een waarde ≥ {limit}", "en": "a value ≥ {limit}"},
    "expect.greater_than": {"nl": "een waarde > {limit}", "en": "a value > {limit}"},
    "expect.at_most": {"nl": "een waarde ≤ {limit}", "en": "a value ≤ {limit}"},
    "expect.year": {"nl": "een jaartal", "en": "a year"},
    # Model rules (domain checks beyond types).
    "rule.effect_needs_data": {
        "nl": "een effectgrootte heeft yi en vi, ruwe statistieken met een maat, of "
        "alleen een richting van het effect nodig",
        "en": "an effect estimate needs yi and vi, raw statistics with a measure, or "
        "only a direction of effect",
    },
    "rule.yi_vi_together": {
        "nl": "yi en vi horen samen: geef beide of geen van beide",
        "en": "yi and vi belong together: give both or neither",
    },
    "rule.raw_needs_measure": {
        "nl": "ruwe statistieken hebben een maat (measure) nodig, bijv. SMD of OR",
        "en": "raw statistics need a measure, e.g. SMD or OR",
    },
    "rule.duplicate_id": {
        "nl": "{kind} {id!r} is twee keer gedefinieerd (ook op regel {first_line})",
        "en": "{kind} {id!r} is defined twice (also on line {first_line})",
    },
    "rule.unknown_principle": {
        "nl": "werkzaam element {id!r} is niet gedefinieerd in dossier.yaml{hint}",
        "en": "working principle {id!r} is not defined in dossier.yaml{hint}",
    },
    "rule.unknown_outcome": {
        "nl": "uitkomst {id!r} is niet gedefinieerd in dossier.yaml{hint}",
        "en": "outcome {id!r} is not defined in dossier.yaml{hint}",
    },
    "rule.unknown_reference": {
        "nl": "referentie {key!r} staat in geen van de BibTeX-bibliotheken van het dossier",
        "en": "reference {key!r} is in none of the dossier's BibTeX libraries",
    },
    "rule.text_source": {
        "nl": "een auteurstekst heeft óf 'text' óf 'file', niet allebei en niet geen van beide",
        "en": "an author text has either 'text' or 'file', not both and not neither",
    },
    "rule.rob_domain": {
        "nl": "onbekend domein voor risico op vertekening",
        "en": "unknown risk-of-bias domain",
    },
    # ------------------------------------------------------------------ kinds
    "kind.principle": {"nl": "werkzaam element", "en": "working principle"},
    "kind.outcome": {"nl": "uitkomst", "en": "outcome"},
    "kind.study": {"nl": "studie", "en": "study"},
    "kind.exclusion": {"nl": "uitsluiting", "en": "exclusion"},
    # ----------------------------------------------------------------- coding
    "coding.no_header": {
        "nl": "codeerblad heeft geen kopregel met kolomnamen",
        "en": "coding sheet has no header row with column names",
    },
    "coding.missing_column": {
        "nl": "verplichte kolom {column!r} ontbreekt in de kopregel",
        "en": "required column {column!r} is missing from the header row",
    },
    "coding.unknown_column": {
        "nl": "onbekende kolom {column!r}{hint}; kolommen voor werkzame elementen heten "
        "'principle:<id>'",
        "en": "unknown column {column!r}{hint}; columns for working principles are named "
        "'principle:<id>'",
    },
    "coding.duplicate_row": {
        "nl": "rij is een exacte kopie van rij {other}",
        "en": "row is an exact duplicate of row {other}",
    },
    "coding.ragged_row": {
        "nl": "rij heeft {got} cellen, de kopregel {expected}",
        "en": "row has {got} cells, the header row {expected}",
    },
    "coding.study_conflict": {
        "nl": "studie {study!r} heeft hier {field}={got!r}, maar {expected!r} op rij {other}; "
        "studiegegevens moeten op elke rij van een studie gelijk zijn",
        "en": "study {study!r} has {field}={got!r} here, but {expected!r} on row {other}; "
        "study details must agree on every row of a study",
    },
    "coding.bad_flag": {
        "nl": "kolom {column!r}: verwacht 1/0, ja/nee, leeg (= nee) of NA (= niet gecodeerd), "
        "kreeg {got!r}",
        "en": "column {column!r}: expected 1/0, yes/no, empty (= no) or NA (= not coded), "
        "got {got!r}",
    },
    "coding.unknown_but_listed": {
        "nl": "werkzaam element {id!r} staat in de kolom 'principles', maar zijn kolom "
        "'principle:{id}' zegt NA (niet gecodeerd); kies één van beide",
        "en": "working principle {id!r} is listed in the 'principles' column, but its column "
        "'principle:{id}' says NA (not coded); choose one",
    },
    "coding.unknown_study_reference": {
        "nl": "referentie {key!r} staat in geen van de BibTeX-bibliotheken van het dossier{hint}",
        "en": "reference {key!r} is in none of the dossier's BibTeX libraries{hint}",
    },
    # ------------------------------------------------------------------ audit
    "audit.double_counted": {
        "nl": "referenties {keys} zijn hetzelfde werk ({rules}) maar gecodeerd als "
        "verschillende studies ({studies}); hun deelnemers tellen zo dubbel. Codeer ze "
        "onder één studie-id of sluit er een uit met een reden",
        "en": "references {keys} are the same work ({rules}) but coded as different studies "
        "({studies}); their participants would count twice. Code them under one study id "
        "or exclude one with a reason",
    },
    "audit.unaccounted": {
        "nl": "referentie {key!r} is niet verantwoord: codeer haar in een codeerblad of sluit "
        "haar uit met een reden (exclusions in dossier.yaml)",
        "en": "reference {key!r} is unaccounted for: code it in a coding sheet or exclude it "
        "with a reason (exclusions in dossier.yaml)",
    },
    "audit.excluded_and_coded": {
        "nl": "referentie {key!r} is uitgesloten in dossier.yaml maar ook gecodeerd (rij {row} "
        "van {sheet}); kies één van beide",
        "en": "reference {key!r} is excluded in dossier.yaml but also coded (row {row} of "
        "{sheet}); choose one",
    },
    "audit.unknown_exclusion": {
        "nl": "uitgesloten referentie {key!r} staat in geen van de BibTeX-bibliotheken{hint}",
        "en": "excluded reference {key!r} is in none of the BibTeX libraries{hint}",
    },
    "audit.prisma_summary": {
        "nl": "{identified} records gevonden, {duplicates} dubbele verwijderd, {screened} "
        "gescreend ({excluded_screening} uitgesloten), {assessed} volledig beoordeeld "
        "({excluded_full_text} uitgesloten), {studies} studie(s) ingesloten ({meta} in een "
        "meta-analyse), {unaccounted} niet verantwoord",
        "en": "{identified} records identified, {duplicates} duplicates removed, {screened} "
        "screened ({excluded_screening} excluded), {assessed} assessed in full "
        "({excluded_full_text} excluded), {studies} study(ies) included ({meta} in a "
        "meta-analysis), {unaccounted} unaccounted for",
    },
    "audit.excluded_row_and_coded": {
        "nl": "referentie {key!r} is op deze rij uitgesloten maar ook gecodeerd (rij {row} "
        "van {sheet}); kies één van beide",
        "en": "reference {key!r} is excluded on this row but also coded (row {row} of "
        "{sheet}); choose one",
    },
    "audit.excluded_twice": {
        "nl": "referentie {key!r} is al uitgesloten in dossier.yaml; sluit haar op één plek uit",
        "en": "reference {key!r} is already excluded in dossier.yaml; exclude it in one place",
    },
    "coding.unreadable_xlsx": {
        "nl": "Excel-bestand kan niet worden gelezen ({detail}); sla het opnieuw op als .xlsx",
        "en": "Excel file cannot be read ({detail}); save it again as .xlsx",
    },
    "coding.exclusion_needs_reason": {
        "nl": "rij met status 'excluded' heeft een reden nodig in de kolom 'reason'",
        "en": "a row with status 'excluded' needs a reason in the column 'reason'",
    },
    "coding.exclusion_needs_references": {
        "nl": "rij met status 'excluded' noemt geen referentie in de kolom 'references'",
        "en": "a row with status 'excluded' names no reference in the column 'references'",
    },
    # ---------------------------------------------------------------- library
    "bibtex.failed_block": {
        "nl": "BibTeX-item kon niet worden gelezen ({detail}); de rest van het bestand is wel "
        "ingelezen",
        "en": "BibTeX entry could not be read ({detail}); the rest of the file was read",
    },
    "bibtex.duplicate_key": {
        "nl": "citatiesleutel {key!r} komt twee keer voor (eerder op regel {first_line})",
        "en": "citation key {key!r} appears twice (first on line {first_line})",
    },
    "bibtex.missing_field": {
        "nl": "item {key!r} mist het veld {field!r}",
        "en": "entry {key!r} lacks the field {field!r}",
    },
    "bibtex.bad_field": {
        "nl": "item {key!r}: veld {field!r} verwacht {expected}, kreeg {got!r}",
        "en": "entry {key!r}: field {field!r} expected {expected}, got {got!r}",
    },
    "bibtex.unknown_type": {
        "nl": "item {key!r} heeft een onbekend type @{type}; ingelezen en opgemaakt als @misc",
        "en": "entry {key!r} has an unknown type @{type}; read and formatted as @misc",
    },
    "bibtex.bad_name": {
        "nl": "item {key!r}: naam {name!r} is niet te splitsen in voornaam en achternaam; "
        "weggelaten uit de auteurs",
        "en": "entry {key!r}: name {name!r} cannot be split into given and family name; "
        "left out of the authors",
    },
    "bibtex.no_entries": {
        "nl": "bestand bevat geen BibTeX-items (verwacht bijv. {example})",
        "en": "file contains no BibTeX entries (expected e.g. {example})",
    },
    "ris.failed_line": {
        "nl": "regel is geen RIS-veld (verwacht 'XX  - waarde'); genegeerd",
        "en": "line is not a RIS field (expected 'XX  - value'); ignored",
    },
    "ris.outside_record": {
        "nl": "RIS-veld buiten een record (een record begint met 'TY  - ' en eindigt met "
        "'ER  - '); genegeerd",
        "en": "RIS field outside a record (a record starts with 'TY  - ' and ends with "
        "'ER  - '); ignored",
    },
    "ris.failed_record": {
        "nl": "RIS-record kon niet worden gelezen ({detail}); de rest van het bestand is wel "
        "ingelezen",
        "en": "RIS record could not be read ({detail}); the rest of the file was read",
    },
    "ris.unterminated": {
        "nl": "RIS-record begint hier maar eindigt niet met 'ER  - '; wel ingelezen",
        "en": "RIS record starts here but does not end with 'ER  - '; read anyway",
    },
    "ris.unknown_type": {
        "nl": "RIS-record {key!r} heeft een onbekend type {type!r}; ingelezen als @misc",
        "en": "RIS record {key!r} has an unknown type {type!r}; read as @misc",
    },
    "ris.no_records": {
        "nl": "bestand bevat geen RIS-records (verwacht regels als 'TY  - JOUR')",
        "en": "file contains no RIS records (expected lines such as 'TY  - JOUR')",
    },
    "library.not_utf8_fallback": {
        "nl": "bestand is geen geldige UTF-8 (ongeldige byte op positie {position}); "
        "gelezen als {encoding}: controleer letters met accenten en sla het op als UTF-8",
        "en": "file is not valid UTF-8 (invalid byte at position {position}); read as "
        "{encoding}: check accented letters and save it as UTF-8",
    },
    "library.unreadable": {
        "nl": "bestand kan niet worden gelezen ({detail})",
        "en": "file cannot be read ({detail})",
    },
    "library.unsupported": {
        "nl": "bibliotheek {path!r} heeft een onbekende extensie; verwacht .bib of .ris",
        "en": "library {path!r} has an unknown extension; expected .bib or .ris",
    },
    "library.key_conflict": {
        "nl": "citatiesleutel {key!r} staat ook in {other} voor een ander werk; geef een van "
        "beide een andere sleutel",
        "en": "citation key {key!r} is also used in {other} for a different work; give one "
        "of them another key",
    },
    "library.summary": {
        "nl": "{files} bestand(en): {read} referentie(s) ingelezen, {skipped} overgeslagen",
        "en": "{files} file(s): {read} reference(s) read, {skipped} skipped",
    },
    "library.reading": {"nl": "bibliotheken inlezen", "en": "reading libraries"},
    "library.nothing_read": {
        "nl": "geen enkele referentie kon worden ingelezen",
        "en": "no reference could be read",
    },
    "dedupe.rule.doi": {"nl": "zelfde DOI", "en": "same DOI"},
    "dedupe.rule.title_author_year": {
        "nl": "zelfde titel, eerste auteur en jaar",
        "en": "same title, first author and year",
    },
    # APA 7 words, in the language of the dossier (see watwerkt.library.apa).
    "apa.and": {"nl": "en", "en": "and"},
    "apa.et_al": {"nl": "et al.", "en": "et al."},
    "apa.no_date": {"nl": "z.d.", "en": "n.d."},
    "apa.editor": {"nl": "Red.", "en": "Ed."},
    "apa.editors": {"nl": "Red.", "en": "Eds."},
    "apa.in": {"nl": "In", "en": "In"},
    "apa.pages": {"nl": "pp.", "en": "pp."},
    "apa.page": {"nl": "p.", "en": "p."},
    "apa.edition": {"nl": "{edition} dr.", "en": "{edition} ed."},
    "apa.report_number": {"nl": "Rapport nr. {number}", "en": "Report No. {number}"},
    "apa.doctoral_thesis": {
        "nl": "Proefschrift, {school}",
        "en": "Doctoral dissertation, {school}",
    },
    "apa.masters_thesis": {
        "nl": "Masterscriptie, {school}",
        "en": "Master's thesis, {school}",
    },
    # ------------------------------------------------------------------ check
    "check.ok": {
        "nl": "{path}: geen problemen gevonden ({summary})",
        "en": "{path}: no problems found ({summary})",
    },
    "check.summary": {
        "nl": "{principles} werkzame elementen, {outcomes} uitkomst(en), {references} "
        "referenties ({included} gecodeerd, {excluded} uitgesloten met reden, "
        "{duplicates} dubbel), "
        "{rows} gecodeerde effecten",
        "en": "{principles} working principles, {outcomes} outcome(s), {references} "
        "references ({included} coded, {excluded} excluded with a reason, "
        "{duplicates} duplicate), "
        "{rows} coded effects",
    },
    "check.problems": {
        "nl": "{count} probleem/problemen gevonden",
        "en": "{count} problem(s) found",
    },
    "check.no_dossier": {
        "nl": "geen dossier.yaml gevonden in {path}",
        "en": "no dossier.yaml found in {path}",
    },
    # ------------------------------------------------------------------ stats
    # Shared by every function in watwerkt.stats (see watwerkt/stats/_validation.py).
    "stats.bad_option": {
        "nl": "De parameter {argument!r} van {function}() moet een van {choices} zijn; "
        "kreeg {got!r}.",
        "en": "The {argument!r} parameter of {function}() must be one of {choices}; got {got!r}.",
    },
    "stats.bad_level": {
        "nl": "De parameter 'level' van {function}() moet tussen 0 en 1 liggen "
        "(bijv. 0.95); kreeg {got!r}.",
        "en": "The 'level' parameter of {function}() must lie between 0 and 1 "
        "(e.g. 0.95); got {got!r}.",
    },
    "stats.non_numeric": {
        "nl": "{argument!r} van {function}() moet numeriek zijn; niet-numerieke waarden op "
        "positie(s) {positions}.",
        "en": "{argument!r} of {function}() must be numeric; non-numeric values at "
        "position(s) {positions}.",
    },
    "stats.not_1d": {
        "nl": "{argument!r} van {function}() moet een eendimensionale reeks zijn; "
        "kreeg vorm {shape}.",
        "en": "{argument!r} of {function}() must be one-dimensional; got shape {shape}.",
    },
    "stats.length_mismatch": {
        "nl": "{argument!r} van {function}() heeft lengte {got}, maar {other!r} heeft "
        "lengte {expected}; alle invoer moet even lang zijn.",
        "en": "{argument!r} of {function}() has length {got}, but {other!r} has length "
        "{expected}; all inputs must have the same length.",
    },
    "stats.empty": {
        "nl": "{function}() kreeg geen enkele studie ({argument!r} is leeg); "
        "er is minstens {minimum} nodig.",
        "en": "{function}() got no studies ({argument!r} is empty); at least {minimum} needed.",
    },
    "stats.too_few": {
        "nl": "{function}() heeft minstens {minimum} studies nodig voor {purpose}; kreeg {got}.",
        "en": "{function}() needs at least {minimum} studies for {purpose}; got {got}.",
    },
    "stats.nan": {
        "nl": "{argument!r} van {function}() bevat ontbrekende of oneindige waarden op "
        "positie(s) {positions}; laat die studies weg of vul ze aan.",
        "en": "{argument!r} of {function}() contains missing or infinite values at "
        "position(s) {positions}; drop those studies or complete them.",
    },
    "stats.nonpositive_variance": {
        "nl": "{argument!r} van {function}() moet positieve varianties bevatten; "
        "nul of negatief op positie(s) {positions}.",
        "en": "{argument!r} of {function}() must hold positive variances; "
        "zero or negative at position(s) {positions}.",
    },
    "stats.negative": {
        "nl": "{argument!r} van {function}() mag niet negatief zijn; "
        "negatief op positie(s) {positions}.",
        "en": "{argument!r} of {function}() must not be negative; "
        "negative at position(s) {positions}.",
    },
    "stats.impossible_raw": {
        "nl": "{function}(): onmogelijke ruwe gegevens in {argument!r} op rij(en) "
        "{positions}: {rule}.",
        "en": "{function}(): impossible raw data in {argument!r} at row(s) {positions}: {rule}.",
    },
    "stats.missing_column": {
        "nl": "{function}(): maat {measure!r} heeft de kolom {argument!r} nodig "
        "(nodig: {required}).",
        "en": "{function}(): measure {measure!r} needs the column {argument!r} "
        "(required: {required}).",
    },
    "stats.singular_moderators": {
        "nl": "{function}(): de moderatormatrix is singulier (kolommen {columns} zijn "
        "lineair afhankelijk); laat een van die moderatoren weg.",
        "en": "{function}(): the moderator matrix is singular (columns {columns} are "
        "linearly dependent); drop one of those moderators.",
    },
    "stats.moderators_missing_rows": {
        "nl": "{function}(): {count} studie(s) weggelaten omdat een moderator ontbreekt "
        "(positie(s) {positions}).",
        "en": "{function}(): {count} study(ies) left out because a moderator is missing "
        "(position(s) {positions}).",
    },
    "stats.root_not_converged": {
        "nl": "de nulpuntzoeker vond geen oplossing binnen {iterations} iteraties; "
        "meld dit als fout, met de gegevens",
        "en": "the root finder found no solution within {iterations} iterations; "
        "please report this as a bug, with the data",
    },
    "stats.no_convergence": {
        "nl": "{function}(): schatter {method!r} convergeerde niet na {iterations} "
        "iteraties (laatste verandering {change:.3g}); probeer method='DL' of 'PM', "
        "of verhoog maxiter.",
        "en": "{function}(): estimator {method!r} did not converge after {iterations} "
        "iterations (last change {change:.3g}); try method='DL' or 'PM', or raise maxiter.",
    },
    # --- stats: effect sizes (add keys for watwerkt/stats/effect_sizes here)
    "stats.es.unknown_column": {
        "nl": "{function}(): maat {measure!r} kent de kolom {argument!r} niet "
        "(toegestaan: {allowed}).",
        "en": "{function}(): measure {measure!r} does not take the column {argument!r} "
        "(allowed: {allowed}).",
    },
    "stats.es.negative_sd": {
        "nl": "{function}(): negatieve standaarddeviatie in {argument!r} op rij(en) {positions}.",
        "en": "{function}(): negative standard deviation in {argument!r} at row(s) {positions}.",
    },
    "stats.es.n_below_one": {
        "nl": "{function}(): steekproefgrootte kleiner dan 1 in {argument!r} op rij(en) "
        "{positions}.",
        "en": "{function}(): sample size below 1 in {argument!r} at row(s) {positions}.",
    },
    "stats.es.negative_count": {
        "nl": "{function}(): negatief aantal in {argument!r} op rij(en) {positions}.",
        "en": "{function}(): negative count in {argument!r} at row(s) {positions}.",
    },
    "stats.es.events_exceed_n": {
        "nl": "{function}(): meer gebeurtenissen in {argument!r} dan deelnemers ({total!r}) "
        "op rij(en) {positions}.",
        "en": "{function}(): more events in {argument!r} than participants ({total!r}) "
        "at row(s) {positions}.",
    },
    "stats.es.total_mismatch": {
        "nl": "{function}(): {argument!r} is niet gelijk aan {parts} op rij(en) {positions}.",
        "en": "{function}(): {argument!r} does not equal {parts} at row(s) {positions}.",
    },
    "stats.es.correlation_range": {
        "nl": "{function}(): correlatie in {argument!r} buiten [-1, 1] op rij(en) {positions}.",
        "en": "{function}(): correlation in {argument!r} outside [-1, 1] at row(s) {positions}.",
    },
    "stats.es.p_range": {
        "nl": "{function}(): p-waarde in {argument!r} buiten (0, 1] op rij(en) {positions}.",
        "en": "{function}(): p-value in {argument!r} outside (0, 1] at row(s) {positions}.",
    },
    "stats.es.negative_statistic": {
        "nl": "{function}(): negatieve toetsingsgrootheid in {argument!r} op rij(en) "
        "{positions}; een F-waarde is nooit negatief.",
        "en": "{function}(): negative test statistic in {argument!r} at row(s) {positions}; "
        "an F value is never negative.",
    },
    "stats.es.bad_direction": {
        "nl": "{function}(): richting in {argument!r} moet +1 of -1 zijn; anders op rij(en) "
        "{positions}.",
        "en": "{function}(): direction in {argument!r} must be +1 or -1; otherwise at row(s) "
        "{positions}.",
    },
    "stats.es.bad_add": {
        "nl": "De parameter 'add' van {function}() moet een eindig getal ≥ 0 zijn; kreeg {got!r}.",
        "en": "The 'add' parameter of {function}() must be a finite number ≥ 0; got {got!r}.",
    },
    "stats.es.rows_not_computable": {
        "nl": "{function}(): effectgrootte {measure!r} is niet te berekenen op rij(en) "
        "{positions} (oneindig of ongedefinieerd); yi/vi zijn NaN, zie de kolom 'note'.",
        "en": "{function}(): effect size {measure!r} cannot be computed at row(s) {positions} "
        "(infinite or undefined); yi/vi are NaN, see the 'note' column.",
    },
    "stats.es.note.missing": {
        "nl": "ontbrekende invoer: {columns}",
        "en": "missing input: {columns}",
    },
    "stats.es.note.double_zero": {
        "nl": "geen gebeurtenissen (of alleen gebeurtenissen) in beide groepen; weggelaten "
        "(drop00)",
        "en": "no events (or only events) in both groups; dropped (drop00)",
    },
    "stats.es.note.not_computable": {
        "nl": "niet te berekenen met deze gegevens (oneindig of ongedefinieerd)",
        "en": "not computable from these data (infinite or undefined)",
    },
    "stats.es.note.small_n": {
        "nl": "steekproef te klein om de steekproefvariantie te schatten",
        "en": "sample too small to estimate the sampling variance",
    },
    "stats.es.impossible_data": {
        "nl": "{function}(): onmogelijke ruwe gegevens ({count} problemen); niets is berekend:",
        "en": "{function}(): impossible raw data ({count} problems); nothing was computed:",
    },
    "stats.es.impossible_line": {
        "nl": "  - {argument!r}: {what} op rij(en) {positions}",
        "en": "  - {argument!r}: {what} at row(s) {positions}",
    },
    "stats.es.what.negative_sd": {
        "nl": "negatieve standaarddeviatie",
        "en": "negative standard deviation",
    },
    "stats.es.what.n_below_one": {
        "nl": "steekproefgrootte kleiner dan 1",
        "en": "sample size below 1",
    },
    "stats.es.what.negative_count": {
        "nl": "negatief aantal",
        "en": "negative count",
    },
    "stats.es.what.events_exceed_n": {
        "nl": "meer gebeurtenissen dan deelnemers ({total!r})",
        "en": "more events than participants ({total!r})",
    },
    "stats.es.what.total_mismatch": {
        "nl": "niet gelijk aan {parts}",
        "en": "does not equal {parts}",
    },
    "stats.es.what.correlation_range": {
        "nl": "correlatie buiten [-1, 1]",
        "en": "correlation outside [-1, 1]",
    },
    "stats.es.what.p_range": {
        "nl": "p-waarde buiten (0, 1]",
        "en": "p-value outside (0, 1]",
    },
    "stats.es.what.negative_statistic": {
        "nl": "negatieve toetsingsgrootheid (een F-waarde is nooit negatief)",
        "en": "negative test statistic (an F value is never negative)",
    },
    "stats.es.what.bad_direction": {
        "nl": "richting is niet +1 of -1",
        "en": "direction is not +1 or -1",
    },
    "stats.mh.tables_omitted": {
        "nl": "{function}(): {count} tabel(len) met ontbrekende cellen weggelaten "
        "(positie(s) {positions}).",
        "en": "{function}(): {count} table(s) with missing cells left out "
        "(position(s) {positions}).",
    },
    "stats.mh.yi_omitted": {
        "nl": "{function}(): {count} studie(s) zonder berekenbare yi/vi (positie(s) "
        "{positions}) tellen niet mee in de heterogeniteitstoets.",
        "en": "{function}(): {count} study(ies) without computable yi/vi (position(s) "
        "{positions}) are left out of the heterogeneity test.",
    },
    "stats.mh.no_events": {
        "nl": "{function}(): een van de twee uitkomsten komt in geen enkele tabel voor; "
        "de methode van Peto is dan niet bruikbaar.",
        "en": "{function}(): one of the two outcomes occurs in none of the tables; "
        "Peto's method cannot be used.",
    },
    "stats.vote.bad_direction": {
        "nl": "{function}(): onbekende richting in {argument!r} op positie(s) {positions}; "
        "gebruik +1/-1/0 of 'positive'/'negative'/'none'.",
        "en": "{function}(): unknown direction in {argument!r} at position(s) {positions}; "
        "use +1/-1/0 or 'positive'/'negative'/'none'.",
    },
    "stats.vote.missing": {
        "nl": "{function}(): {count} studie(s) zonder bekende richting weggelaten "
        "(positie(s) {positions}).",
        "en": "{function}(): {count} study(ies) without a known direction left out "
        "(position(s) {positions}).",
    },
    # --- stats: pooling and meta-regression (add keys here)
    "stats.pool.bad_tau2": {
        "nl": "De parameter {argument!r} van {function}() moet een eindig getal ≥ 0 zijn; "
        "kreeg {got!r}.",
        "en": "The {argument!r} parameter of {function}() must be a finite number ≥ 0; "
        "got {got!r}.",
    },
    "stats.pool.bad_control": {
        "nl": "De parameter 'control' van {function}() moet een FitControl zijn; kreeg {got}.",
        "en": "The 'control' parameter of {function}() must be a FitControl; got {got}.",
    },
    "stats.pool.no_convergence": {
        "nl": "{function}(): schatter {method!r} vond na {iterations} iteraties geen "
        "maximum of nulpunt voor τ²; 'converged' is False en tau2 is onbetrouwbaar. "
        "Probeer method='DL' of 'PM', of verhoog maxiter.",
        "en": "{function}(): estimator {method!r} found no maximum or root for τ² after "
        "{iterations} iterations; 'converged' is False and tau2 is unreliable. "
        "Try method='DL' or 'PM', or raise maxiter.",
    },
    "stats.pool.knha_fe": {
        "nl": "{function}(): de Knapp–Hartung-correctie is niet bedoeld voor een "
        "common-effectmodel (method='FE').",
        "en": "{function}(): the Knapp–Hartung adjustment is not meant for a "
        "common-effect model (method='FE').",
    },
    "stats.pool.knha_k1": {
        "nl": "{function}(): met k = 1 wordt test='z' gebruikt in plaats van 'knha'.",
        "en": "{function}(): with k = 1, test='z' is used instead of 'knha'.",
    },
    "stats.pool.bad_moderators": {
        "nl": "{function}(): {argument!r} moet een DataFrame, een 2-D-array of een dict "
        "van arrays zijn; kreeg {got}.",
        "en": "{function}(): {argument!r} must be a DataFrame, a 2-D array or a dict "
        "of arrays; got {got}.",
    },
    "stats.pool.non_numeric_moderator": {
        "nl": "{function}(): moderator {column!r} is niet numeriek (type {dtype}); "
        "codeer hem als getallen (bijv. dummyvariabelen).",
        "en": "{function}(): moderator {column!r} is not numeric (type {dtype}); "
        "code it as numbers (e.g. dummy variables).",
    },
    "stats.pool.moderator_rows": {
        "nl": "{function}(): {argument!r} heeft {got} rijen, maar er zijn {expected} studies.",
        "en": "{function}(): {argument!r} has {got} rows, but there are {expected} studies.",
    },
    "stats.pool.newmods_columns": {
        "nl": "{function}(): {argument!r} moet {expected} kolom(men) hebben ({columns}); "
        "kreeg {got}.",
        "en": "{function}(): {argument!r} must have {expected} column(s) ({columns}); "
        "got {got}.",
    },
    "stats.pool.too_few_groups": {
        "nl": "{function}(): {argument!r} moet minstens 2 verschillende subgroepen "
        "bevatten; kreeg {got}.",
        "en": "{function}(): {argument!r} must contain at least 2 distinct subgroups; "
        "got {got}.",
    },
    # --- stats: batch meta-analysis (watwerkt/stats/batch.py)
    "stats.batch_missing_column": {
        "nl": "{function}(): de kolom {argument!r} staat niet in de tabel (kolommen: {columns}).",
        "en": "{function}(): the column {argument!r} is not in the frame (columns: {columns}).",
    },
    "stats.batch_invalid_rows": {
        "nl": "{function}(): {count} rij(en) met een ontbrekende of oneindige {yi!r}, of een "
        "{vi!r} die ontbreekt, oneindig of ≤ 0 is; rijlabels per groep: {detail}. "
        "Laat die rijen weg of vul ze aan.",
        "en": "{function}(): {count} row(s) with a missing or infinite {yi!r}, or a {vi!r} "
        "that is missing, infinite or ≤ 0; row labels by group: {detail}. "
        "Drop or complete those rows.",
    },
    "stats.batch_not_converged": {
        "nl": "{function}(): schatter {method!r} convergeerde niet in {count} groep(en): "
        "{groups}; daar is 'converged' False.",
        "en": "{function}(): estimator {method!r} did not converge in {count} group(s): "
        "{groups}; 'converged' is False there.",
    },
    "stats.batch_tau2_max": {
        "nl": "{function}(): in {count} groep(en) is geen bovengrens voor τ² van {method!r} "
        "gevonden ({groups}); daar is tau2 NaN en 'converged' False.",
        "en": "{function}(): in {count} group(s) no upper bracket for the {method!r} τ² was "
        "found ({groups}); tau2 is NaN and 'converged' False there.",
    },
    # --- stats: bias, sensitivity, influence (add keys here)
    "stats.bias.too_few": {
        "nl": "{function}() heeft minstens {minimum} studies nodig; kreeg er {got}.",
        "en": "{function}() needs at least {minimum} studies; got {got}.",
    },
    "stats.bias.no_sample_sizes": {
        "nl": "{function}(): de voorspeller {predictor!r} gebruikt steekproefgroottes; "
        "geef ze mee als {argument!r}.",
        "en": "{function}(): the predictor {predictor!r} uses sample sizes; "
        "pass them as {argument!r}.",
    },
    "stats.bias.constant_predictor": {
        "nl": "{function}(): de voorspeller {predictor!r} is voor elke studie gelijk, "
        "dus de regressietoets kan niet worden geschat.",
        "en": "{function}(): the predictor {predictor!r} is the same for every study, "
        "so the regression test cannot be fitted.",
    },
    "stats.bias.constant_ranks": {
        "nl": "{function}(): Kendalls tau is niet gedefinieerd, want alle "
        "gestandaardiseerde effecten of alle varianties zijn gelijk.",
        "en": "{function}(): Kendall's tau is undefined because all standardized "
        "effects or all variances are equal.",
    },
    "stats.bias.zero_target": {
        "nl": "{function}(): het doeleffect {argument!r} mag niet 0 zijn (dan is het "
        "fail-safe N oneindig).",
        "en": "{function}(): the target effect {argument!r} must not be 0 (the "
        "fail-safe N would be infinite).",
    },
    "stats.bias.q0_undefined": {
        "nl": "{function}(): de schatter 'Q0' is voor deze gegevens niet gedefinieerd "
        "(negatief getal onder de wortel); gebruik estimator='L0' of 'R0'.",
        "en": "{function}(): the 'Q0' estimator is undefined for these data "
        "(negative number under the square root); use estimator='L0' or 'R0'.",
    },
    "stats.bias.trimfill_no_convergence": {
        "nl": "{function}(): het trim-and-fill-algoritme convergeerde niet na "
        "{iterations} iteraties.",
        "en": "{function}(): the trim-and-fill algorithm did not converge after "
        "{iterations} iterations.",
    },
    # --- stats: multilevel and robust (add keys here)
    "stats.multilevel_no_groups": {
        "nl": "{function}(): {argument!r} moet een lijst van een of meer groeperingen zijn "
        "(buitenste eerst, bijv. [studie, es_id]); kreeg {got}.",
        "en": "{function}(): {argument!r} must be a list of one or more groupings "
        "(outermost first, e.g. [study, es_id]); got {got}.",
    },
    "stats.multilevel_missing_label": {
        "nl": "{function}(): {argument!r} mist een groepslabel op positie(s) {positions}; "
        "vul het aan of laat die effectgroottes weg.",
        "en": "{function}(): {argument!r} lacks a group label at position(s) {positions}; "
        "fill it in or drop those effect sizes.",
    },
    "stats.multilevel_single_cluster": {
        "nl": "{function}(): {argument!r} heeft maar één cluster, dus de variantie tussen "
        "clusters is niet te schatten; laat deze groepering weg of voeg clusters toe.",
        "en": "{function}(): {argument!r} has a single cluster, so the variance between "
        "clusters cannot be estimated; drop this grouping or add clusters.",
    },
    "stats.multilevel_same_level": {
        "nl": "{function}(): elk cluster van {argument!r} bevat precies één cluster van "
        "{inner!r} (clusters van grootte één), dus hun varianties zijn niet van elkaar te "
        "onderscheiden; laat een van beide groeperingen weg.",
        "en": "{function}(): every cluster of {argument!r} holds exactly one cluster of "
        "{inner!r} (clusters of size one), so their variances cannot be told apart; drop "
        "one of the two groupings.",
    },
    "stats.multilevel_no_convergence": {
        "nl": "{function}(): de {method}-schatting van de variantiecomponenten convergeerde "
        "niet na {iterations} iteraties ({cause}); controleer de groeperingen of probeer "
        "method='ML'.",
        "en": "{function}(): the {method} fit of the variance components did not converge "
        "after {iterations} iterations ({cause}); check the groupings or try method='ML'.",
    },
    "stats.multilevel_cause_unbounded": {
        "nl": "een variantiecomponent groeit zonder grens",
        "en": "a variance component grows without bound",
    },
    "stats.multilevel_cause_score": {
        "nl": "de afgeleide van de log-likelihood is aan het eind niet nul",
        "en": "the derivative of the log-likelihood is not zero at the end",
    },
    "stats.multilevel_bad_drop": {
        "nl": "{function}(): {argument!r} moet een componentnummer van 0 tot en met {last} "
        "zijn; kreeg {got!r}.",
        "en": "{function}(): {argument!r} must be a component number from 0 to {last}; "
        "got {got!r}.",
    },
    "stats.robust_too_few_clusters": {
        "nl": "{function}(): {clusters} cluster(s) in {argument!r}, maar het model heeft "
        "{coefficients} coëfficiënt(en); robuuste inferentie vraagt meer clusters dan "
        "coëfficiënten.",
        "en": "{function}(): {clusters} cluster(s) in {argument!r}, but the model has "
        "{coefficients} coefficient(s); robust inference needs more clusters than "
        "coefficients.",
    },
    "stats.robust_singleton_clusters": {
        "nl": "{function}(): elk cluster in {argument!r} bevat één effectgrootte; de "
        "uitkomst is heteroscedasticiteit-robuust, niet cluster-robuust.",
        "en": "{function}(): every cluster in {argument!r} holds one effect size; the "
        "result is heteroscedasticity-robust, not cluster-robust.",
    },
    "stats.robust_not_nested": {
        "nl": "{function}(): de random effects zijn niet genest binnen {argument!r} "
        "(groepering {grouping!r} loopt over clusters heen); kies als cluster de buitenste "
        "groepering of een grovere.",
        "en": "{function}(): the random effects are not nested within {argument!r} "
        "(grouping {grouping!r} spans clusters); cluster on the outermost grouping or a "
        "coarser one.",
    },
    "stats.robust_cr2_weights": {
        "nl": "{function}(): de fit gebruikt eigen gewichten; CR2 is hier alleen beschikbaar "
        "met inverse-variantiegewichten; gebruik small_sample='CR1'.",
        "en": "{function}(): the fit uses user weights; CR2 is only available here with "
        "inverse-variance weights; use small_sample='CR1'.",
    },
    "stats.robust_unsupported": {
        "nl": "{function}(): {argument!r} moet een resultaat van meta_analysis(), "
        "meta_regression() of multilevel_meta_analysis() zijn; kreeg {got}.",
        "en": "{function}(): {argument!r} must be a result of meta_analysis(), "
        "meta_regression() or multilevel_meta_analysis(); got {got}.",
    },
    # --- stats: summary() texts of the result objects (numbers keep a decimal point)
    "stats.summary.model_re": {
        "nl": "Random-effectsmodel (k = {k}; tau^2-schatter: {method})",
        "en": "Random-effects model (k = {k}; tau^2 estimator: {method})",
    },
    "stats.summary.model_fe": {
        "nl": "Common-effectmodel (k = {k}; tau^2-schatter: {method})",
        "en": "Common-effect model (k = {k}; tau^2 estimator: {method})",
    },
    "stats.summary.tau2_total": {
        "nl": "tau^2 (geschatte totale heterogeniteit):",
        "en": "tau^2 (estimated amount of total heterogeneity):",
    },
    "stats.summary.tau": {
        "nl": "tau (wortel uit de geschatte tau^2):",
        "en": "tau (square root of estimated tau^2 value):",
    },
    "stats.summary.se_paren": {
        "nl": " (SE = {se})",
        "en": " (SE = {se})",
    },
    "stats.summary.i2_total": {
        "nl": "I^2 (totale heterogeniteit / totale variabiliteit):",
        "en": "I^2 (total heterogeneity / total variability):",
    },
    "stats.summary.h2_total": {
        "nl": "H^2 (totale variabiliteit / steekproefvariabiliteit):",
        "en": "H^2 (total variability / sampling variability):",
    },
    "stats.summary.heterogeneity_test": {
        "nl": "Toets op heterogeniteit:",
        "en": "Test for Heterogeneity:",
    },
    "stats.summary.model_results": {
        "nl": "Modelresultaten:",
        "en": "Model Results:",
    },
    "stats.summary.col_estimate": {
        "nl": "schatting",
        "en": "estimate",
    },
    "stats.summary.prediction_interval": {
        "nl": "{pct}%-voorspellingsinterval: [{lower}, {upper}]",
        "en": "{pct}% prediction interval: [{lower}, {upper}]",
    },
    "stats.summary.tau2_ci": {
        "nl": "{pct}%-BI van tau^2 (Q-profiel): [{tau2_lower}, {tau2_upper}]; I^2: [{i2_lower}%, "
        "{i2_upper}%]; H^2: [{h2_lower}, {h2_upper}]",
        "en": "{pct}% CI of tau^2 (Q-profile): [{tau2_lower}, {tau2_upper}]; I^2: [{i2_lower}%, "
        "{i2_upper}%]; H^2: [{h2_lower}, {h2_upper}]",
    },
    "stats.summary.omitted_studies": {
        "nl": "{count} van {total} studies weggelaten.",
        "en": "{count} of {total} studies omitted.",
    },
    "stats.summary.not_converged": {
        "nl": "WAARSCHUWING: de tau^2-schatter is niet geconvergeerd.",
        "en": "WARNING: the tau^2 estimator did not converge.",
    },
    "stats.summary.model_me": {
        "nl": "Mixed-effectsmodel (k = {k}; tau^2-schatter: {method})",
        "en": "Mixed-effects model (k = {k}; tau^2 estimator: {method})",
    },
    "stats.summary.model_fixed": {
        "nl": "Fixed-effectsmodel (k = {k}; tau^2-schatter: {method})",
        "en": "Fixed-effects model (k = {k}; tau^2 estimator: {method})",
    },
    "stats.summary.tau2_residual": {
        "nl": "tau^2 (geschatte resterende heterogeniteit):",
        "en": "tau^2 (estimated amount of residual heterogeneity):",
    },
    "stats.summary.i2_residual": {
        "nl": "I^2 (resterende heterogeniteit / onverklaarde variabiliteit):",
        "en": "I^2 (residual heterogeneity / unaccounted variability):",
    },
    "stats.summary.h2_residual": {
        "nl": "H^2 (onverklaarde variabiliteit / steekproefvariabiliteit):",
        "en": "H^2 (unaccounted variability / sampling variability):",
    },
    "stats.summary.r2": {
        "nl": "R^2 (verklaarde heterogeniteit):",
        "en": "R^2 (amount of heterogeneity accounted for):",
    },
    "stats.summary.residual_test": {
        "nl": "Toets op resterende heterogeniteit:",
        "en": "Test for Residual Heterogeneity:",
    },
    "stats.summary.moderators_test": {
        "nl": "Toets van de moderatoren:",
        "en": "Test of Moderators:",
    },
    "stats.summary.intercept_test": {
        "nl": "Toets van het intercept:",
        "en": "Test of Intercept:",
    },
    "stats.summary.omitted_moderator": {
        "nl": "{count} van {total} studies weggelaten (moderator ontbreekt): {rows}",
        "en": "{count} of {total} studies omitted (missing moderator): {rows}",
    },
    "stats.summary.robust_head": {
        "nl": "Clusterrobuuste inferentie ({how}); k = {k}, clusters = {clusters}",
        "en": "Cluster-robust inference ({how}); k = {k}, clusters = {clusters}",
    },
    "stats.summary.robust_cr1": {
        "nl": "CR1, df = clusters - p",
        "en": "CR1, df = clusters - p",
    },
    "stats.summary.robust_cr2": {
        "nl": "CR2, Satterthwaite-df (clubSandwich)",
        "en": "CR2, Satterthwaite df (clubSandwich)",
    },
    "stats.summary.model_ee": {
        "nl": "Equal-effectsmodel ({name}; k = {k})",
        "en": "Equal-Effects Model ({name}; k = {k})",
    },
    "stats.summary.results_scale": {
        "nl": "Modelresultaten ({scale}):",
        "en": "Model Results ({scale}):",
    },
    "stats.summary.scale_log": {
        "nl": "logschaal",
        "en": "log scale",
    },
    "stats.summary.scale_measure": {
        "nl": "{measure}-schaal",
        "en": "{measure} scale",
    },
    "stats.summary.estimate_line": {
        "nl": "schatting = {estimate}, se = {se}, zval = {z}, pval = {p}, {pct}%-BI [{lower}, "
        "{upper}]",
        "en": "estimate = {estimate}, se = {se}, zval = {z}, pval = {p}, {pct}% CI [{lower}, "
        "{upper}]",
    },
    "stats.summary.estimate_ci": {
        "nl": "schatting = {estimate}, {pct}%-BI [{lower}, {upper}]",
        "en": "estimate = {estimate}, {pct}% CI [{lower}, {upper}]",
    },
    "stats.summary.cmh_test": {
        "nl": "Cochran-Mantel-Haenszel-toets:",
        "en": "Cochran-Mantel-Haenszel Test:",
    },
    "stats.summary.tarone_test": {
        "nl": "Tarones toets op heterogeniteit:",
        "en": "Tarone's Test for Heterogeneity:",
    },
    "stats.summary.not_computable": {
        "nl": "toetswaarde niet te berekenen voor deze gegevens",
        "en": "test value not computable for these data",
    },
    "stats.summary.vote_head": {
        "nl": "Stemmen tellen op de richting van het effect (k = {k})",
        "en": "Vote counting on the direction of effect (k = {k})",
    },
    "stats.summary.vote_counts": {
        "nl": "positief: {positive}, negatief: {negative}, geen duidelijke richting: {none}, "
        "ontbrekend: {missing}",
        "en": "positive: {positive}, negative: {negative}, no clear direction: {none}, missing: "
        "{missing}",
    },
    "stats.summary.vote_proportion": {
        "nl": "aandeel positief = {proportion} ({positive}/{used}), {pct}%-BI (Wilson) [{lower}, "
        "{upper}]",
        "en": "proportion positive = {proportion} ({positive}/{used}), {pct}% CI (Wilson) "
        "[{lower}, {upper}]",
    },
    "stats.summary.vote_sign_test": {
        "nl": "tekentoets (exact binomiaal, tweezijdig): p-val = {p}",
        "en": "sign test (exact binomial, two-sided): p-val = {p}",
    },
    "stats.summary.influence_note": {
        "nl": "* invloedrijk (als metafors influence())",
        "en": "* influential (as metafor's influence())",
    },
    "stats.summary.multilevel_head": {
        "nl": "Multivariaat meta-analysemodel (k = {k}; methode: {method})",
        "en": "Multivariate Meta-Analysis Model (k = {k}; method: {method})",
    },
    "stats.summary.variance_components": {
        "nl": "Variantiecomponenten:",
        "en": "Variance Components:",
    },
    "stats.summary.total_i2": {
        "nl": "totale I2: {value}%",
        "en": "total I2: {value}%",
    },
    "stats.summary.residual_heterogeneity": {
        "nl": "Toets op (resterende) heterogeniteit:",
        "en": "Test for (Residual) Heterogeneity:",
    },
    "stats.summary.prediction_plain": {
        "nl": "Voorspellingsinterval: [{lower}, {upper}]",
        "en": "Prediction interval: [{lower}, {upper}]",
    },
    "stats.summary.omitted_rows": {
        "nl": "{count} van {total} rijen weggelaten.",
        "en": "{count} of {total} rows omitted.",
    },
    "stats.summary.subgroup_head": {
        "nl": "Subgroepanalyse (k = {k}; tau^2-schatter: {method}; toets: {test})",
        "en": "Subgroup analysis (k = {k}; tau^2 estimator: {method}; test: {test})",
    },
    "stats.summary.col_group": {
        "nl": "groep",
        "en": "group",
    },
    "stats.summary.subgroup_qm": {
        "nl": "Toets van de moderatoren (gemeenschappelijke tau^2, "
        "metafor mods = ~ factor(group)):",
        "en": "Test of moderators (common tau^2, metafor mods = ~ factor(group)):",
    },
    "stats.summary.subgroup_qb": {
        "nl": "Toets op verschillen tussen subgroepen (aparte tau^2, RevMan):",
        "en": "Test for subgroup differences (separate tau^2, RevMan):",
    },
    "stats.summary.rank_head": {
        "nl": "Rangcorrelatietoets op asymmetrie van de funnelplot",
        "en": "Rank Correlation Test for Funnel Plot Asymmetry",
    },
    "stats.summary.rank_line": {
        "nl": "Kendalls tau = {tau}, p = {p} ({kind}, k = {k})",
        "en": "Kendall's tau = {tau}, p = {p} ({kind}, k = {k})",
    },
    "stats.summary.exact": {
        "nl": "exact",
        "en": "exact",
    },
    "stats.summary.normal_approximation": {
        "nl": "normale benadering",
        "en": "normal approximation",
    },
    "stats.summary.failsafe_head": {
        "nl": "Fail-safe N volgens de methode van {approach}",
        "en": "Fail-safe N Calculation Using the {approach} Approach",
    },
    "stats.summary.average_effect": {
        "nl": "Gemiddelde effectgrootte:",
        "en": "Average Effect Size:",
    },
    "stats.summary.target_effect": {
        "nl": "Beoogde effectgrootte:",
        "en": "Target Effect Size:",
    },
    "stats.summary.observed_alpha": {
        "nl": "Waargenomen significantieniveau:",
        "en": "Observed Significance Level:",
    },
    "stats.summary.target_alpha": {
        "nl": "Beoogd significantieniveau:",
        "en": "Target Significance Level:",
    },
    "stats.summary.failsafe_n": {
        "nl": "Fail-safe N: {n}",
        "en": "Fail-safe N: {n}",
    },
    "stats.summary.regtest_head": {
        "nl": "Regressietoets op asymmetrie van de funnelplot",
        "en": "Regression Test for Funnel Plot Asymmetry",
    },
    "stats.summary.label_model": {
        "nl": "Model:",
        "en": "Model:",
    },
    "stats.summary.label_predictor": {
        "nl": "Voorspeller:",
        "en": "Predictor:",
    },
    "stats.summary.regtest_lm": {
        "nl": "gewogen regressie met multiplicatieve dispersie",
        "en": "weighted regression with multiplicative dispersion",
    },
    "stats.summary.regtest_rma": {
        "nl": "mixed-effects meta-regressiemodel ({method})",
        "en": "mixed-effects meta-regression model ({method})",
    },
    "stats.summary.regtest_line": {
        "nl": "Toets op asymmetrie van de funnelplot: {stat} = {value}, p = {p}",
        "en": "Test for Funnel Plot Asymmetry: {stat} = {value}, p = {p}",
    },
    "stats.summary.limit_line": {
        "nl": "Limietschatting (als {predictor} -> 0):   b = {b} (BI: {lower}, {upper})",
        "en": "Limit Estimate (as {predictor} -> 0):   b = {b} (CI: {lower}, {upper})",
    },
    "stats.summary.trimfill_missing": {
        "nl": "Geschat aantal ontbrekende studies aan de {side}kant: {k0} (SE = {se})",
        "en": "Estimated number of missing studies on the {side} side: {k0} (SE = {se})",
    },
    "stats.summary.side_left": {
        "nl": "linker",
        "en": "left",
    },
    "stats.summary.side_right": {
        "nl": "rechter",
        "en": "right",
    },
    "stats.summary.filled_model": {
        "nl": "Aangevuld model ({method}, k = {k}):",
        "en": "Filled model ({method}, k = {k}):",
    },
    "stats.summary.filled_line": {
        "nl": "schatting = {estimate}, se = {se}, z = {z}, p = {p}, BI: [{lower}, {upper}], tau^2 "
        "= {tau2}",
        "en": "estimate = {estimate}, se = {se}, z = {z}, p = {p}, CI: [{lower}, {upper}], tau^2 = "
        "{tau2}",
    },
    # -------------------------------------------------------------- synthesis
    "synthesis.subject.overall": {"nl": "de interventies", "en": "the interventions"},
    "synthesis.subject.principle": {
        "nl": "interventies met {principle}",
        "en": "interventions with {principle}",
    },
    "synthesis.conclusion.high.reduce": {
        "nl": "{subject} verminderen {outcome}.",
        "en": "{subject} reduce {outcome}.",
    },
    "synthesis.conclusion.moderate.reduce": {
        "nl": "{subject} verminderen waarschijnlijk {outcome}.",
        "en": "{subject} probably reduce {outcome}.",
    },
    "synthesis.conclusion.low.reduce": {
        "nl": "{subject} verminderen mogelijk {outcome}.",
        "en": "{subject} may reduce {outcome}.",
    },
    "synthesis.conclusion.very_low.reduce": {
        "nl": "Het is onzeker of {subject} {outcome} verminderen: het bewijs is zeer onzeker.",
        "en": "It is uncertain whether {subject} reduce {outcome}: the evidence is very "
        "uncertain.",
    },
    "synthesis.conclusion.high.increase": {
        "nl": "{subject} vergroten {outcome}.",
        "en": "{subject} increase {outcome}.",
    },
    "synthesis.conclusion.moderate.increase": {
        "nl": "{subject} vergroten waarschijnlijk {outcome}.",
        "en": "{subject} probably increase {outcome}.",
    },
    "synthesis.conclusion.low.increase": {
        "nl": "{subject} vergroten mogelijk {outcome}.",
        "en": "{subject} may increase {outcome}.",
    },
    "synthesis.conclusion.very_low.increase": {
        "nl": "Het is onzeker of {subject} {outcome} vergroten: het bewijs is zeer onzeker.",
        "en": "It is uncertain whether {subject} increase {outcome}: the evidence is very "
        "uncertain.",
    },
    "synthesis.conclusion.high.no_difference": {
        "nl": "{subject} maken weinig of geen verschil voor {outcome}.",
        "en": "{subject} result in little to no difference in {outcome}.",
    },
    "synthesis.conclusion.moderate.no_difference": {
        "nl": "{subject} maken waarschijnlijk weinig of geen verschil voor {outcome}.",
        "en": "{subject} probably result in little to no difference in {outcome}.",
    },
    "synthesis.conclusion.low.no_difference": {
        "nl": "{subject} maken mogelijk weinig of geen verschil voor {outcome}.",
        "en": "{subject} may result in little to no difference in {outcome}.",
    },
    "synthesis.conclusion.very_low.no_difference": {
        "nl": "Het is onzeker of {subject} verschil maken voor {outcome}: het bewijs is zeer "
        "onzeker.",
        "en": "It is uncertain whether {subject} make a difference to {outcome}: the evidence "
        "is very uncertain.",
    },
    "synthesis.conclusion.no_evidence": {
        "nl": "Er is geen onderzoek met een effectgrootte naar {subject} en {outcome}.",
        "en": "No study with an effect size addresses {subject} and {outcome}.",
    },
    "synthesis.grade.start_randomised": {
        "nl": "start hoog: {share}% van het gewicht komt uit gerandomiseerd onderzoek",
        "en": "starts high: {share}% of the weight comes from randomised trials",
    },
    "synthesis.grade.start_observational": {
        "nl": "start laag: {share}% van het gewicht komt uit gerandomiseerd onderzoek "
        "(minder dan de helft)",
        "en": "starts low: {share}% of the weight comes from randomised trials (less than half)",
    },
    "synthesis.grade.rob_very_serious": {
        "nl": "{share}% van het gewicht komt uit studies met een hoog risico op vertekening",
        "en": "{share}% of the weight comes from studies at high risk of bias",
    },
    "synthesis.grade.rob_serious": {
        "nl": "{share}% van het gewicht komt uit studies met een hoog, onduidelijk of niet "
        "beoordeeld risico op vertekening",
        "en": "{share}% of the weight comes from studies at high, unclear or unassessed "
        "risk of bias",
    },
    "synthesis.grade.rob_ok": {
        "nl": "{share}% van het gewicht komt uit studies met een laag risico op vertekening",
        "en": "{share}% of the weight comes from studies at low risk of bias",
    },
    "synthesis.grade.inconsistency_very_serious": {
        "nl": "I² = {i2}% en het voorspellingsinterval ({pi}) omvat geen effect",
        "en": "I² = {i2}% and the prediction interval ({pi}) includes no effect",
    },
    "synthesis.grade.inconsistency_serious": {
        "nl": "I² = {i2}% en het voorspellingsinterval ({pi}) omvat geen effect",
        "en": "I² = {i2}% and the prediction interval ({pi}) includes no effect",
    },
    "synthesis.grade.inconsistency_ok": {
        "nl": "I² = {i2}%; het voorspellingsinterval is {pi}",
        "en": "I² = {i2}%; the prediction interval is {pi}",
    },
    "synthesis.grade.single_study": {
        "nl": "één studie: inconsistentie is niet te beoordelen",
        "en": "a single study: inconsistency cannot be judged",
    },
    "synthesis.grade.ci_crosses_null": {
        "nl": "het betrouwbaarheidsinterval ({ci}) omvat geen effect",
        "en": "the confidence interval ({ci}) includes no effect",
    },
    "synthesis.grade.below_ois": {
        "nl": "{n} deelnemers, minder dan de optimale informatieomvang van {ois}",
        "en": "{n} participants, fewer than the optimal information size of {ois}",
    },
    "synthesis.grade.precise": {
        "nl": "betrouwbaarheidsinterval {ci} met {n} deelnemers",
        "en": "confidence interval {ci} with {n} participants",
    },
    "synthesis.grade.egger": {
        "nl": "Egger-test {p} bij {k} effectgroottes wijst op publicatiebias",
        "en": "Egger's test {p} with {k} effect sizes suggests publication bias",
    },
    "synthesis.grade.egger_ok": {
        "nl": "Egger-test {p} bij {k} effectgroottes",
        "en": "Egger's test {p} with {k} effect sizes",
    },
    "synthesis.grade.bias_not_assessed": {
        "nl": "publicatiebias niet getoetst ({k} effectgroottes; de Egger-test vraagt er "
        "minstens 10)",
        "en": "publication bias not tested ({k} effect sizes; Egger's test needs at least 10)",
    },
    "synthesis.grade.egger_unavailable": {
        "nl": "publicatiebias niet getoetst (de Egger-test is niet uitgevoerd: afhankelijke "
        "effectgroottes, of overgeslagen)",
        "en": "publication bias not tested (Egger's test was not run: dependent effect sizes, "
        "or skipped)",
    },
    "synthesis.grade.indirect_very_serious": {
        "nl": "{share}% van het gewicht komt uit effecten die als zeer ernstig indirect zijn "
        "gecodeerd",
        "en": "{share}% of the weight comes from effects coded as very seriously indirect",
    },
    "synthesis.grade.indirect_serious": {
        "nl": "{share}% van het gewicht komt uit effecten die als ernstig of zeer ernstig "
        "indirect zijn gecodeerd",
        "en": "{share}% of the weight comes from effects coded as seriously or very seriously "
        "indirect",
    },
    "synthesis.grade.indirect_ok": {
        "nl": "indirectheid gecodeerd voor {coded}% van het gewicht; {share}% komt uit "
        "effecten die als indirect zijn gecodeerd",
        "en": "indirectness coded for {coded}% of the weight; {share}% comes from effects "
        "coded as indirect",
    },
    "synthesis.grade.indirectness_not_coded": {
        "nl": "indirectheid is niet gecodeerd",
        "en": "indirectness is not coded",
    },
    "synthesis.citation.direction": {
        "nl": "de geciteerde studies wijzen een andere kant op ({cited}) dan alle studies ({all})",
        "en": "the cited studies point another way ({cited}) than all studies ({all})",
    },
    "synthesis.citation.significance": {
        "nl": "de geciteerde studies zijn {cited}, alle studies samen {all}",
        "en": "the cited studies are {cited}, all studies together {all}",
    },
    "synthesis.citation.size": {
        "nl": "het gepoolde effect van de geciteerde studies ({cited}) wijkt meer dan {tolerance} "
        "af van dat van alle studies ({all})",
        "en": "the pooled effect of the cited studies ({cited}) differs by more than {tolerance} "
        "from that of all studies ({all})",
    },
    "synthesis.citation.claim_direction": {
        "nl": "de claim zegt {claimed}, alle studies samen laten {all} zien",
        "en": "the claim says {claimed}, all studies together show {all}",
    },
    "synthesis.citation.no_cited_effects": {
        "nl": "geen van de geciteerde referenties heeft een effectgrootte voor deze uitkomst",
        "en": "none of the cited references has an effect size for this outcome",
    },
    "synthesis.citation.warning": {
        "nl": "claim {statement!r} ({outcome}): {reasons}; niet geciteerd: {left_out}",
        "en": "claim {statement!r} ({outcome}): {reasons}; not cited: {left_out}",
    },
    "synthesis.significant": {"nl": "significant", "en": "significant"},
    "synthesis.not_significant": {"nl": "niet significant", "en": "not significant"},
    "synthesis.direction.favours_intervention": {
        "nl": "in het voordeel van de interventie",
        "en": "in favour of the intervention",
    },
    "synthesis.direction.favours_comparison": {
        "nl": "in het voordeel van de vergelijking",
        "en": "in favour of the comparison",
    },
    "synthesis.direction.no_difference": {
        "nl": "geen duidelijk verschil",
        "en": "no clear difference",
    },
    "synthesis.direction.mixed": {"nl": "wisselend", "en": "mixed"},
    "synthesis.direction.none": {"nl": "geen gegevens", "en": "no data"},
    "synthesis.summary.line": {
        "nl": "{cell}: k = {k}, schatting {effect}, zekerheid {level}",
        "en": "{cell}: k = {k}, estimate {effect}, certainty {level}",
    },
    "synthesis.summary.empty": {"nl": "{cell}: k = 0", "en": "{cell}: k = 0"},
    "synthesis.summary.overall": {"nl": "(alle elementen)", "en": "(overall)"},
    "synthesis.summary.level.high": {"nl": "hoog", "en": "high"},
    "synthesis.summary.level.moderate": {"nl": "redelijk", "en": "moderate"},
    "synthesis.summary.level.low": {"nl": "laag", "en": "low"},
    "synthesis.summary.level.very_low": {"nl": "zeer laag", "en": "very low"},
    "synthesis.summary.level.none": {"nl": "-", "en": "-"},
    "build.claim_warning": {"nl": "waarschuwing: {detail}", "en": "warning: {detail}"},
    "build.claims_written": {
        "nl": "{count} claims gecontroleerd ({differ} met een waarschuwing), "
        "geschreven naar {path}",
        "en": "{count} claims checked ({differ} with a warning), written to {path}",
    },
    "build.written": {
        "nl": "{count} bevindingen geschreven naar {path}",
        "en": "{count} findings written to {path}",
    },
    # -------------------------------------------------------------------- cli
    "cli.column_rows": {
        "nl": "{path}: kolom {column!r}, rij(en) {rows}: {detail}",
        "en": "{path}: column {column!r}, row(s) {rows}: {detail}",
    },
    "cli.no_column": {
        "nl": "{path}: kolom {column!r} bestaat niet (kolommen: {columns})",
        "en": "{path}: there is no column {column!r} (columns: {columns})",
    },
    "cli.not_numeric": {"nl": "verwacht een getal", "en": "expected a number"},
    "cli.missing_values": {
        "nl": "ontbrekende waarde; vul ze aan of laat die rijen weg",
        "en": "missing value; fill them in or remove those rows",
    },
    "cli.cannot_read": {
        "nl": "{path}: kan het bestand niet lezen ({detail})",
        "en": "{path}: cannot read the file ({detail})",
    },
    "cli.not_utf8": {
        "nl": "{path}: bestand is geen geldige UTF-8 (ongeldige byte op positie {position})",
        "en": "{path}: file is not valid UTF-8 (invalid byte at position {position})",
    },
    "cli.by_excludes": {
        "nl": "--by poolt elke groep apart en kan niet samen met --mods, --cluster of --robust",
        "en": "--by pools each group separately and cannot be combined with --mods, "
        "--cluster or --robust",
    },
    "cli.es_id_needs_cluster": {
        "nl": "--es-id heeft --cluster nodig (de kolom met de studie van elke effectgrootte)",
        "en": "--es-id needs --cluster (the column with the study of each effect size)",
    },
    "cli.warning": {"nl": "waarschuwing: {detail}", "en": "warning: {detail}"},
    "cli.rows_left_out": {
        "nl": "{path}: rij(en) {rows} weggelaten omdat een moderator ontbreekt",
        "en": "{path}: row(s) {rows} left out because a moderator is missing",
    },
    "cli.robust_needs_cluster": {
        "nl": "--robust heeft --cluster nodig (de kolom met de studie van elke effectgrootte)",
        "en": "--robust needs --cluster (the column with the study of each effect size)",
    },
    "cli.error": {"nl": "fout: {detail}", "en": "error: {detail}"},
    "cli.unknown_schema": {
        "nl": "onbekend schema {kind!r}; kies uit {choices}",
        "en": "unknown schema {kind!r}; choose from {choices}",
    },
    "cli.debug_hint": {
        "nl": "(gebruik --debug voor de volledige traceback)",
        "en": "(use --debug for the full traceback)",
    },
    # ------------------------------------------------------------------ render
    # Keys "render.*": headings, labels and sentences of the rendered dossier and its plots.
    # render.plot.*: plot labels, legends, alt texts and input errors (watwerkt/render/plots)
    "render.plot.not_finite": {
        "nl": "{function}(): {argument} moet een eindig getal zijn (geen NaN of oneindig); "
        "fout op positie(s) {positions}",
        "en": "{function}(): {argument} must be a finite number (not NaN or infinite); "
        "wrong at position(s) {positions}",
    },
    "render.plot.bad_interval": {
        "nl": "{function}(): in {argument} moet ci_lower ≤ estimate ≤ ci_upper gelden; "
        "fout op positie(s) {positions}",
        "en": "{function}(): {argument} must have ci_lower ≤ estimate ≤ ci_upper; "
        "wrong at position(s) {positions}",
    },
    "render.plot.bad_pi": {
        "nl": "{function}(): {argument} heeft een predictie-interval met pi_lower > pi_upper, "
        "of met maar één van beide grenzen",
        "en": "{function}(): {argument} has a prediction interval with pi_lower > pi_upper, "
        "or with only one of the two bounds",
    },
    "render.plot.negative": {
        "nl": "{function}(): {argument} mag niet negatief zijn; fout op positie(s) {positions}",
        "en": "{function}(): {argument} must not be negative; wrong at position(s) {positions}",
    },
    "render.plot.empty": {
        "nl": "{function}(): {argument} is leeg; geef minstens één waarde",
        "en": "{function}(): {argument} is empty; give at least one value",
    },
    "render.plot.length_mismatch": {
        "nl": "{function}(): {first} en {second} moeten even lang zijn; kreeg {n_first} en "
        "{n_second} waarden",
        "en": "{function}(): {first} and {second} must have the same length; got {n_first} and "
        "{n_second} values",
    },
    "render.plot.missing_columns": {
        "nl": "{function}(): {argument} mist de kolom(men) {columns}",
        "en": "{function}(): {argument} lacks the column(s) {columns}",
    },
    "render.plot.unknown_value": {
        "nl": "{function}(): onbekende waarde in {argument} op positie(s) {positions}; "
        "verwacht een van {choices}",
        "en": "{function}(): unknown value in {argument} at position(s) {positions}; "
        "expected one of {choices}",
    },
    "render.plot.duplicate_cells": {
        "nl": "{function}(): {argument} heeft meer dan één rij voor dezelfde combinatie van "
        "werkzaam element en uitkomst, op positie(s) {positions}",
        "en": "{function}(): {argument} has more than one row for the same principle and "
        "outcome, at position(s) {positions}",
    },
    "render.plot.one_study": {"nl": "1 studie", "en": "1 study"},
    "render.plot.n_studies": {"nl": "{n} studies", "en": "{n} studies"},
    "render.plot.forest.title": {"nl": "Forest plot", "en": "Forest plot"},
    "render.plot.forest.study": {"nl": "Studie", "en": "Study"},
    "render.plot.forest.weight": {"nl": "Gewicht", "en": "Weight"},
    "render.plot.forest.estimate_ci": {
        "nl": "Schatting [{level}%-BI]",
        "en": "Estimate [{level}% CI]",
    },
    "render.plot.forest.pooled": {"nl": "Gepoold effect", "en": "Pooled effect"},
    "render.plot.forest.subtotal": {"nl": "Subtotaal", "en": "Subtotal"},
    "render.plot.forest.prediction": {
        "nl": "{level}%-predictie-interval",
        "en": "{level}% prediction interval",
    },
    "render.plot.forest.alt": {
        "nl": "Forest plot van {studies} ({effect}): per studie de schatting met het "
        "{level}%-betrouwbaarheidsinterval; de verticale lijn markeert geen effect ({null}). "
        "Schattingen van {low} tot {high}.",
        "en": "Forest plot of {studies} ({effect}): each study's estimate with its "
        "{level}% confidence interval; the vertical line marks no effect ({null}). "
        "Estimates range from {low} to {high}.",
    },
    "render.plot.forest.alt_pooled": {
        "nl": "{label}: {estimate} {interval}.",
        "en": "{label}: {estimate} {interval}.",
    },
    "render.plot.forest.alt_prediction": {
        "nl": "{level}%-predictie-interval {interval}.",
        "en": "{level}% prediction interval {interval}.",
    },
    "render.plot.forest.alt_subgroups": {
        "nl": "{n} subgroepen: {names}.",
        "en": "{n} subgroups: {names}.",
    },
    "render.plot.funnel.title": {"nl": "Funnelplot", "en": "Funnel plot"},
    "render.plot.funnel.se": {"nl": "Standaardfout", "en": "Standard error"},
    "render.plot.funnel.observed": {"nl": "Studies", "en": "Studies"},
    "render.plot.funnel.filled": {
        "nl": "Toegevoegd door trim-and-fill",
        "en": "Imputed by trim-and-fill",
    },
    "render.plot.funnel.estimate": {"nl": "Gepoold effect", "en": "Pooled estimate"},
    "render.plot.funnel.region": {
        "nl": "Pseudo-95%-betrouwbaarheidsgebied",
        "en": "Pseudo 95% confidence region",
    },
    "render.plot.funnel.alt": {
        "nl": "Funnelplot van {studies} ({effect}) uitgezet tegen hun standaardfout "
        "(van {se_min} tot {se_max}), met het gepoolde effect {estimate} als verticale lijn "
        "en het pseudo-95%-betrouwbaarheidsgebied.",
        "en": "Funnel plot of {studies} ({effect}) against their standard error "
        "(from {se_min} to {se_max}), with the pooled estimate {estimate} as a vertical line "
        "and the pseudo 95% confidence region.",
    },
    "render.plot.funnel.alt_filled": {
        "nl": "Toegevoegd door trim-and-fill: {studies} (open symbolen).",
        "en": "Imputed by trim-and-fill: {studies} (open markers).",
    },
    "render.plot.gap.title": {
        "nl": "Evidence gap map: werkzame elementen × uitkomsten",
        "en": "Evidence gap map: principles × outcomes",
    },
    "render.plot.gap.overall": {"nl": "Alle studies", "en": "All studies"},
    "render.plot.gap.certainty": {"nl": "Zekerheid van bewijs", "en": "Certainty of evidence"},
    "render.plot.gap.direction": {"nl": "Richting van het effect", "en": "Direction of effect"},
    "render.plot.gap.studies": {"nl": "Aantal studies", "en": "Number of studies"},
    "render.plot.gap.gap": {"nl": "geen studies (lacune)", "en": "no studies (gap)"},
    "render.plot.gap.not_pooled": {
        "nl": "niet gepoold (geen effectgrootte)",
        "en": "not pooled (no effect size)",
    },
    "render.plot.gap.alt": {
        "nl": "Evidence gap map van werkzame elementen ({principles}) tegen uitkomsten "
        "({outcomes}): "
        "{filled} van de {cells} combinaties hebben studies, {gaps} zijn lacunes. "
        "Bolgrootte: aantal studies; kleur: zekerheid van bewijs; vorm: richting van het effect.",
        "en": "Evidence gap map of principles ({principles}) against outcomes ({outcomes}): "
        "{filled} of the {cells} combinations have studies, {gaps} are gaps. "
        "Bubble size: number of studies; colour: certainty of evidence; shape: direction "
        "of effect.",
    },
    "render.plot.gap.alt_most": {
        "nl": "De meeste studies: {principle} × {outcome} ({n}).",
        "en": "Most studies: {principle} × {outcome} ({n}).",
    },
    "render.plot.certainty.high": {"nl": "hoog", "en": "high"},
    "render.plot.certainty.moderate": {"nl": "redelijk", "en": "moderate"},
    "render.plot.certainty.low": {"nl": "laag", "en": "low"},
    "render.plot.certainty.very_low": {"nl": "zeer laag", "en": "very low"},
    "render.plot.certainty.none": {"nl": "niet beoordeeld", "en": "not graded"},
    "render.plot.prisma.title": {
        "nl": "PRISMA 2020-stroomdiagram",
        "en": "PRISMA 2020 flow diagram",
    },
    "render.plot.prisma.identification": {"nl": "Identificatie", "en": "Identification"},
    "render.plot.prisma.screening": {"nl": "Screening", "en": "Screening"},
    "render.plot.prisma.included": {"nl": "Ingesloten", "en": "Included"},
    "render.plot.prisma.identified": {
        "nl": "Referenties gevonden in (n = {n}):",
        "en": "Records identified from (n = {n}):",
    },
    "render.plot.prisma.count": {"nl": "{name} (n = {n})", "en": "{name} (n = {n})"},
    "render.plot.prisma.removed": {
        "nl": "Referenties verwijderd vóór screening:",
        "en": "Records removed before screening:",
    },
    "render.plot.prisma.duplicates": {
        "nl": "Dubbele referenties (n = {n})",
        "en": "Duplicate records (n = {n})",
    },
    "render.plot.prisma.screened": {
        "nl": "Referenties gescreend (n = {n})",
        "en": "Records screened (n = {n})",
    },
    "render.plot.prisma.excluded_screening": {
        "nl": "Referenties uitgesloten (n = {n})",
        "en": "Records excluded (n = {n})",
    },
    "render.plot.prisma.assessed": {
        "nl": "Rapporten beoordeeld op geschiktheid (n = {n})",
        "en": "Reports assessed for eligibility (n = {n})",
    },
    "render.plot.prisma.excluded_full_text": {
        "nl": "Rapporten uitgesloten (n = {n}):",
        "en": "Reports excluded (n = {n}):",
    },
    "render.plot.prisma.studies_included": {
        "nl": "Studies ingesloten in de review (n = {n})",
        "en": "Studies included in review (n = {n})",
    },
    "render.plot.prisma.reports_included": {
        "nl": "Rapporten van ingesloten studies (n = {n})",
        "en": "Reports of included studies (n = {n})",
    },
    "render.plot.prisma.meta": {
        "nl": "Studies in de meta-analyse (n = {n}; {effects} effectgroottes)",
        "en": "Studies in the meta-analysis (n = {n}; {effects} effect sizes)",
    },
    "render.plot.prisma.unaccounted": {
        "nl": "Nog niet verantwoord (n = {n}): ingesloten noch uitgesloten; "
        "draai watwerkt check",
        "en": "Not yet accounted for (n = {n}): neither included nor excluded; "
        "run watwerkt check",
    },
    "render.plot.prisma.alt": {
        "nl": "PRISMA 2020-stroomdiagram: {identified} referenties gevonden ({sources}); "
        "{duplicates} dubbele verwijderd; {screened} gescreend, waarvan {excluded_screening} "
        "uitgesloten{screening_reasons}; {assessed} rapporten beoordeeld op geschiktheid, "
        "waarvan {excluded_full_text} uitgesloten{full_text_reasons}; {studies} studies "
        "ingesloten ({reports} rapporten), {meta} studies in de meta-analyse.",
        "en": "PRISMA 2020 flow diagram: {identified} records identified ({sources}); "
        "{duplicates} duplicates removed; {screened} screened, of which {excluded_screening} "
        "excluded{screening_reasons}; {assessed} reports assessed for eligibility, of which "
        "{excluded_full_text} excluded{full_text_reasons}; {studies} studies included "
        "({reports} reports), {meta} studies in the meta-analysis.",
    },
    "render.plot.prisma.alt_reasons": {"nl": " ({reasons})", "en": " ({reasons})"},
    "render.plot.prisma.alt_unaccounted": {
        "nl": " {n} referenties zijn nog niet verantwoord.",
        "en": " {n} records are not yet accounted for.",
    },
    # -- dossier rendering (watwerkt.render): sections, labels, sentences
    "render.section.toc": {"nl": "Inhoud", "en": "Contents"},
    "render.section.summary": {"nl": "Samenvatting", "en": "Summary"},
    "render.section.facts": {"nl": "Feiten en cijfers", "en": "Facts and figures"},
    "render.section.sof": {"nl": "Overzicht van de bevindingen", "en": "Summary of findings"},
    "render.section.gap_map": {"nl": "Bewijskaart", "en": "Evidence gap map"},
    "render.section.appendix": {"nl": "Verantwoording", "en": "Accountability"},
    "render.section.prisma": {
        "nl": "Selectie van studies (PRISMA 2020)",
        "en": "Selection of studies (PRISMA 2020)",
    },
    "render.section.search": {"nl": "Zoekstrategie en selectie", "en": "Search and selection"},
    "render.section.excluded": {"nl": "Uitgesloten referenties", "en": "Excluded references"},
    "render.section.sensitivity": {"nl": "Gevoeligheidsanalyses", "en": "Sensitivity analyses"},
    "render.section.claims": {
        "nl": "Controle op selectief citeren",
        "en": "Check for selective citation",
    },
    "render.section.method": {"nl": "Methode", "en": "Methods"},
    "render.section.references": {"nl": "Literatuur", "en": "References"},
    "render.skip_link": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "render.generator": {
        "nl": "Gemaakt met watwerkt {version}",
        "en": "Made with watwerkt {version}",
    },
    "render.byline.theme": {"nl": "Thema", "en": "Theme"},
    "render.byline.authors": {"nl": "Auteurs", "en": "Authors"},
    "render.byline.version": {"nl": "Versie", "en": "Version"},
    "render.byline.date": {"nl": "Datum", "en": "Date"},
    "render.text.missing_summary": {
        "nl": "De auteurs hebben (nog) geen samenvatting geschreven.",
        "en": "The authors have not written a summary (yet).",
    },
    "render.keyfact.references": {"nl": "Gevonden referenties", "en": "References found"},
    "render.keyfact.studies": {"nl": "Studies in het dossier", "en": "Studies in the dossier"},
    "render.keyfact.meta": {
        "nl": "Studies in de meta-analyse",
        "en": "Studies in the meta-analysis",
    },
    "render.keyfact.excluded": {
        "nl": "Uitgesloten referenties (met reden)",
        "en": "Excluded references (with a reason)",
    },
    "render.keyfact.principles": {"nl": "Werkzame elementen", "en": "Working principles"},
    "render.keyfact.outcomes": {"nl": "Uitkomsten", "en": "Outcomes"},
    "render.keyfact.participants": {
        "nl": "Deelnemers ({outcome})",
        "en": "Participants ({outcome})",
    },
    "render.overall": {"nl": "Alle interventies", "en": "All interventions"},
    "render.overall_heading": {
        "nl": "Alle interventies samen: {outcome}",
        "en": "All interventions together: {outcome}",
    },
    "render.cell": {"nl": "{principle} × {outcome}", "en": "{principle} × {outcome}"},
    "render.measure_note": {
        "nl": "Effecten zijn zo gericht dat een positief getal (bij een odds ratio of relatief "
        "risico: een getal boven 1) in het voordeel van de interventie is, ook bij een uitkomst "
        "die moet dalen. Tussen haken staat het 95%-betrouwbaarheidsinterval (BI).",
        "en": "Effects are oriented so that a positive number (for an odds ratio or risk ratio: a "
        "number above 1) favours the intervention, also for an outcome that should go down. The "
        "95% confidence interval (CI) is given in brackets.",
    },
    "render.category.works.title": {"nl": "Wat werkt", "en": "What works"},
    "render.category.works.rule": {
        "nl": "Hier staan de werkzame elementen met ten minste één bevinding waarvan het hele "
        "95%-betrouwbaarheidsinterval in het voordeel van de interventie ligt, bij een redelijke "
        "of hoge zekerheid van bewijs. Eerst staat per uitkomst wat alle interventies samen "
        "laten zien.",
        "en": "This section holds the working principles with at least one finding whose whole "
        "95% confidence interval favours the intervention, at moderate or high certainty of "
        "evidence. It starts with what all interventions together show, per outcome.",
    },
    "render.category.works.empty": {
        "nl": "Geen enkel werkzaam element voldoet aan deze regel: daarvoor is het bewijs nog niet "
        "zeker genoeg. Zie de veelbelovende aanpakken.",
        "en": "No working principle meets this rule: the evidence is not yet certain enough. See "
        "the promising approaches.",
    },
    "render.category.promising.title": {
        "nl": "Veelbelovende aanpakken",
        "en": "Promising approaches",
    },
    "render.category.promising.rule": {
        "nl": "Werkzame elementen die niet onder ‘Wat werkt’ vallen, maar met ten minste één "
        "bevinding waarvan de gepoolde schatting in het voordeel van de interventie is, terwijl "
        "de zekerheid van bewijs laag of zeer laag is of het betrouwbaarheidsinterval ook geen "
        "effect insluit. De richting is gunstig; een stellige conclusie is nog niet mogelijk.",
        "en": "Working principles that are not under ‘What works’ but have at least one finding "
        "whose pooled estimate favours the intervention, while the certainty of evidence is low "
        "or very low or the confidence interval includes no effect. The direction is favourable; "
        "a firm conclusion is not yet possible.",
    },
    "render.category.promising.empty": {
        "nl": "Geen werkzaam element valt in deze categorie.",
        "en": "No working principle falls in this category.",
    },
    "render.category.unproven.title": {
        "nl": "Geen aanwijzingen voor een effect",
        "en": "No evidence of an effect",
    },
    "render.category.unproven.rule": {
        "nl": "Werkzame elementen zonder gepoolde bevinding, of met alleen schattingen van nul of "
        "in het voordeel van de vergelijking.",
        "en": "Working principles without a pooled finding, or with only estimates of zero or in "
        "favour of the comparison.",
    },
    "render.category.unproven.empty": {
        "nl": "Geen: bij elk werkzaam element wijst ten minste één bevinding in de gunstige "
        "richting.",
        "en": "None: every working principle has at least one finding pointing in the "
        "favourable direction.",
    },
    "render.label.certainty": {"nl": "Zekerheid van bewijs", "en": "Certainty of evidence"},
    "render.label.mechanism": {"nl": "Werkingsmechanisme", "en": "Mechanism of change"},
    "render.label.examples": {"nl": "Voorbeelden", "en": "Examples"},
    "render.label.target_groups": {"nl": "Doelgroepen", "en": "Target groups"},
    "render.heading.why_certainty": {"nl": "Waarom deze zekerheid", "en": "Why this certainty"},
    "render.heading.contrast": {
        "nl": "Met en zonder dit element",
        "en": "With and without this principle",
    },
    "render.heading.studies": {"nl": "De studies", "en": "The studies"},
    "render.heading.funnels": {"nl": "Trechterplots", "en": "Funnel plots"},
    "render.certainty.start": {"nl": "beginniveau: {level}", "en": "starting level: {level}"},
    "render.certainty.high": {"nl": "hoog", "en": "high"},
    "render.certainty.moderate": {"nl": "redelijk", "en": "moderate"},
    "render.certainty.low": {"nl": "laag", "en": "low"},
    "render.certainty.very_low": {"nl": "zeer laag", "en": "very low"},
    "render.not_graded": {"nl": "niet beoordeeld", "en": "not graded"},
    "render.no_conclusion": {
        "nl": "Geen conclusie: er is geen effectgrootte om samen te nemen.",
        "en": "No conclusion: there is no effect size to pool.",
    },
    "render.change.none": {"nl": "niet afgewaardeerd", "en": "not downgraded"},
    "render.change.down": {"nl": "{n} niveau(s) omlaag", "en": "down {n} level(s)"},
    "render.change.up": {"nl": "{n} niveau(s) omhoog", "en": "up {n} level(s)"},
    "render.domain.study_design": {"nl": "Studieopzet", "en": "Study design"},
    "render.domain.risk_of_bias": {"nl": "Risico op vertekening", "en": "Risk of bias"},
    "render.domain.inconsistency": {"nl": "Inconsistentie", "en": "Inconsistency"},
    "render.domain.imprecision": {"nl": "Onnauwkeurigheid", "en": "Imprecision"},
    "render.domain.publication_bias": {"nl": "Publicatiebias", "en": "Publication bias"},
    "render.domain.indirectness": {"nl": "Indirectheid", "en": "Indirectness"},
    "render.fact.effect": {
        "nl": "Effect ({measure}) [95%-BI]",
        "en": "Effect ({measure}) [95% CI]",
    },
    "render.fact.pvalue": {"nl": "p-waarde", "en": "p-value"},
    "render.fact.prediction": {"nl": "95%-voorspellingsinterval", "en": "95% prediction interval"},
    "render.fact.k": {"nl": "Effectgroottes (studies)", "en": "Effect sizes (studies)"},
    "render.fact.k_value": {"nl": "{k} ({studies})", "en": "{k} ({studies})"},
    "render.fact.participants": {"nl": "Deelnemers", "en": "Participants"},
    "render.fact.heterogeneity": {"nl": "Heterogeniteit", "en": "Heterogeneity"},
    "render.fact.heterogeneity_value": {
        "nl": "I² = {i2}, τ² = {tau2}, Q = {q} ({p})",
        "en": "I² = {i2}, τ² = {tau2}, Q = {q} ({p})",
    },
    "render.fact.model": {"nl": "Model", "en": "Model"},
    "render.fact.votes": {
        "nl": "Studies met alleen een richting",
        "en": "Studies with a direction only",
    },
    "render.fact.votes_value": {
        "nl": "{favouring} gunstig, {against} ongunstig, {none} geen verschil (tekentoets: {p})",
        "en": "{favouring} favourable, {against} unfavourable, {none} no difference "
        "(sign test: {p})",
    },
    "render.fact.recognition": {
        "nl": "Erkenningsniveau (indicatie)",
        "en": "Recognition level (indication)",
    },
    "render.model.random_effects": {"nl": "random-effectsmodel", "en": "random-effects model"},
    "render.model.three_level_robust": {
        "nl": "drieniveaumodel met cluster-robuuste inferentie per studie",
        "en": "three-level model with cluster-robust inference by study",
    },
    "render.recognition.goed_beschreven": {"nl": "Goed beschreven", "en": "Well described"},
    "render.recognition.goed_onderbouwd": {"nl": "Goed onderbouwd", "en": "Well founded"},
    "render.recognition.effectief_eerste_aanwijzingen": {
        "nl": "Effectief – eerste aanwijzingen",
        "en": "Effective – first indications",
    },
    "render.recognition.effectief_goede_aanwijzingen": {
        "nl": "Effectief – goede aanwijzingen",
        "en": "Effective – good indications",
    },
    "render.recognition.effectief_sterke_aanwijzingen": {
        "nl": "Effectief – sterke aanwijzingen",
        "en": "Effective – strong indications",
    },
    "render.contrast.with": {"nl": "Met het element", "en": "With the principle"},
    "render.contrast.without": {"nl": "Zonder het element", "en": "Without the principle"},
    "render.contrast.value": {"nl": "{estimate} (k = {k})", "en": "{estimate} (k = {k})"},
    "render.contrast.difference": {
        "nl": "Verschil (met − zonder) [95%-BI]",
        "en": "Difference (with − without) [95% CI]",
    },
    "render.contrast.method": {"nl": "Methode", "en": "Method"},
    "render.contrast.larger": {
        "nl": "Interventies met het element ‘{principle}’ hadden gemiddeld een groter effect dan "
        "interventies zonder ({p}).",
        "en": "Interventions with the principle ‘{principle}’ had a larger effect on average "
        "than interventions without it ({p}).",
    },
    "render.contrast.smaller": {
        "nl": "Interventies met het element ‘{principle}’ hadden gemiddeld een kleiner effect dan "
        "interventies zonder ({p}).",
        "en": "Interventions with the principle ‘{principle}’ had a smaller effect on average "
        "than interventions without it ({p}).",
    },
    "render.contrast.no_difference": {
        "nl": "Er is geen aantoonbaar verschil tussen interventies met en zonder het element "
        "‘{principle}’ ({p}).",
        "en": "There is no demonstrable difference between interventions with and without the "
        "principle ‘{principle}’ ({p}).",
    },
    "render.contrast.untested": {
        "nl": "Het verschil tussen interventies met en zonder het element ‘{principle}’ kon niet "
        "worden getoetst.",
        "en": "The difference between interventions with and without the principle "
        "‘{principle}’ could not be tested.",
    },
    "render.contrast_method.subgroup": {
        "nl": "subgroepvergelijking (Wald-toets)",
        "en": "subgroup comparison (Wald test)",
    },
    "render.contrast_method.meta_regression": {
        "nl": "meta-regressie (drieniveaumodel, cluster-robuust)",
        "en": "meta-regression (three-level model, cluster-robust)",
    },
    "render.note.principle_not_coded": {
        "nl": "Bij sommige studies is niet gecodeerd of de interventie dit element heeft; die "
        "tellen niet mee in de vergelijking met en zonder het element.",
        "en": "Some studies do not code whether the intervention has this principle; they are "
        "left out of the comparison with and without it.",
    },
    "render.note.dependent_single_study": {
        "nl": "Alle effectgroottes komen uit één studie; ze zijn samengenomen alsof ze "
        "onafhankelijk zijn.",
        "en": "All effect sizes come from one study; they were pooled as if independent.",
    },
    "render.note.votes_only": {
        "nl": "Geen effectgroottes, alleen studies die de richting van het effect melden.",
        "en": "No effect sizes, only studies reporting the direction of the effect.",
    },
    "render.note.three_level_failed": {
        "nl": "Het drieniveaumodel kon niet worden geschat; de effectgroottes zijn samengenomen "
        "alsof ze onafhankelijk zijn.",
        "en": "The three-level model could not be fitted; the effect sizes were pooled as if "
        "independent.",
    },
    "render.note.contrast_failed": {
        "nl": "De vergelijking met en zonder dit element kon niet worden geschat.",
        "en": "The comparison with and without this principle could not be fitted.",
    },
    "render.sensitivity_note.loo_not_for_three_level": {
        "nl": "weglaten van één studie niet bij een drieniveaumodel",
        "en": "leave-one-out not for a three-level model",
    },
    "render.sensitivity_note.loo_too_few": {
        "nl": "te weinig studies om er één weg te laten",
        "en": "too few studies to leave one out",
    },
    "render.sensitivity_note.small_study_not_run": {
        "nl": "Egger-toets en trim-and-fill niet uitgevoerd",
        "en": "Egger's test and trim-and-fill not run",
    },
    "render.sensitivity_note.small_study_not_for_three_level": {
        "nl": "Egger-toets en trim-and-fill niet bij afhankelijke effectgroottes",
        "en": "Egger's test and trim-and-fill not for dependent effect sizes",
    },
    "render.sensitivity_note.small_study_too_few": {
        "nl": "Egger-toets en trim-and-fill pas vanaf 10 effectgroottes",
        "en": "Egger's test and trim-and-fill only from 10 effect sizes",
    },
    "render.sensitivity_note.egger_failed": {
        "nl": "Egger-toets kon niet worden berekend",
        "en": "Egger's test could not be computed",
    },
    "render.sensitivity_note.trim_and_fill_failed": {
        "nl": "trim-and-fill kon niet worden berekend",
        "en": "trim-and-fill could not be computed",
    },
    "render.sensitivity_note.no_low_risk_studies": {
        "nl": "geen studies met een laag risico op vertekening",
        "en": "no studies at low risk of bias",
    },
    "render.design.rct": {
        "nl": "gerandomiseerd gecontroleerd onderzoek",
        "en": "randomised controlled trial",
    },
    "render.design.cluster_rct": {
        "nl": "clustergerandomiseerd onderzoek",
        "en": "cluster-randomised trial",
    },
    "render.design.quasi_experiment": {
        "nl": "quasi-experimenteel onderzoek",
        "en": "quasi-experiment",
    },
    "render.design.pre_post": {"nl": "voor- en nameting", "en": "pre-post study"},
    "render.design.cohort": {"nl": "cohortonderzoek", "en": "cohort study"},
    "render.design.case_control": {"nl": "patiënt-controleonderzoek", "en": "case-control study"},
    "render.design.cross_sectional": {
        "nl": "cross-sectioneel onderzoek",
        "en": "cross-sectional study",
    },
    "render.design.qualitative": {"nl": "kwalitatief onderzoek", "en": "qualitative study"},
    "render.design.mixed_methods": {"nl": "mixed methods", "en": "mixed methods"},
    "render.design.systematic_review": {"nl": "systematische review", "en": "systematic review"},
    "render.design.meta_analysis": {"nl": "meta-analyse", "en": "meta-analysis"},
    "render.design.other": {"nl": "anders", "en": "other"},
    "render.measure.none": {"nl": "effectgrootte", "en": "effect size"},
    "render.measure.SMD": {
        "nl": "gestandaardiseerd verschil (g)",
        "en": "standardised mean difference (g)",
    },
    "render.measure.SMDH": {
        "nl": "gestandaardiseerd verschil (ongelijke varianties)",
        "en": "standardised mean difference (unequal variances)",
    },
    "render.measure.MD": {"nl": "gemiddeld verschil", "en": "mean difference"},
    "render.measure.ROM": {"nl": "verhouding van gemiddelden", "en": "ratio of means"},
    "render.measure.SMCR": {
        "nl": "gestandaardiseerde verandering",
        "en": "standardised mean change",
    },
    "render.measure.SMCC": {
        "nl": "gestandaardiseerde verandering",
        "en": "standardised mean change",
    },
    "render.measure.OR": {"nl": "odds ratio", "en": "odds ratio"},
    "render.measure.RR": {"nl": "relatief risico", "en": "risk ratio"},
    "render.measure.RD": {"nl": "risicoverschil", "en": "risk difference"},
    "render.measure.PETO": {"nl": "Peto-odds ratio", "en": "Peto odds ratio"},
    "render.measure.COR": {"nl": "correlatie", "en": "correlation"},
    "render.measure.ZCOR": {
        "nl": "Fisher-z van de correlatie",
        "en": "Fisher's z of the correlation",
    },
    "render.measure.PLO": {"nl": "log-odds van een proportie", "en": "log odds of a proportion"},
    "render.measure.PR": {"nl": "proportie", "en": "proportion"},
    "render.measure.GEN": {"nl": "effectgrootte", "en": "effect size"},
    "render.axis": {
        "nl": "{measure} (> 0: in het voordeel van de interventie)",
        "en": "{measure} (> 0 favours the intervention)",
    },
    "render.log_measure": {"nl": "log {measure}", "en": "log {measure}"},
    "render.ratio_effect": {
        "nl": "{effect}; als verhouding: {ratio}",
        "en": "{effect}; as a ratio: {ratio}",
    },
    "render.col.domain": {"nl": "Domein", "en": "Domain"},
    "render.col.judgement": {"nl": "Oordeel", "en": "Judgement"},
    "render.col.explanation": {"nl": "Toelichting", "en": "Explanation"},
    "render.col.study": {"nl": "Studie", "en": "Study"},
    "render.col.design": {"nl": "Opzet", "en": "Design"},
    "render.col.n": {"nl": "N", "en": "N"},
    "render.col.effect": {"nl": "Effect [95%-BI]", "en": "Effect [95% CI]"},
    "render.col.weight": {"nl": "Gewicht", "en": "Weight"},
    "render.col.row": {"nl": "Rij in het codeerblad", "en": "Row of the coding sheet"},
    "render.col.reason": {"nl": "Reden", "en": "Reason"},
    "render.col.principle": {"nl": "Werkzaam element", "en": "Working principle"},
    "render.col.outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "render.col.k": {"nl": "Effectgroottes (studies)", "en": "Effect sizes (studies)"},
    "render.col.participants": {"nl": "Deelnemers", "en": "Participants"},
    "render.col.certainty": {"nl": "Zekerheid", "en": "Certainty"},
    "render.col.statement": {"nl": "Wat betekent dit?", "en": "What does it mean?"},
    "render.col.reference": {"nl": "Referentie", "en": "Reference"},
    "render.col.stage": {"nl": "Fase", "en": "Stage"},
    "render.col.finding": {"nl": "Bevinding", "en": "Finding"},
    "render.col.loo": {"nl": "Eén studie weggelaten (bereik)", "en": "Leave one out (range)"},
    "render.col.low_rob": {
        "nl": "Alleen laag risico op vertekening",
        "en": "Low risk of bias only",
    },
    "render.col.egger": {"nl": "Egger-toets (p)", "en": "Egger's test (p)"},
    "render.col.trim_fill": {"nl": "Trim-and-fill", "en": "Trim-and-fill"},
    "render.col.notes": {"nl": "Opmerkingen", "en": "Notes"},
    "render.studies.caption": {
        "nl": "Gepoolde effectgroottes voor {outcome}, met hun gewicht in het model",
        "en": "Pooled effect sizes for {outcome}, with their weight in the model",
    },
    "render.studies.none": {
        "nl": "Geen studie met een bruikbare effectgrootte.",
        "en": "No study with a usable effect size.",
    },
    "render.unused.caption": {
        "nl": "Gecodeerd, maar zonder effectgrootte (niet gepoold)",
        "en": "Coded, but without an effect size (not pooled)",
    },
    "render.unused.direction_only": {
        "nl": "alleen de richting van het effect is gerapporteerd (telt als stem)",
        "en": "only the direction of the effect is reported (counted as a vote)",
    },
    "render.unused.measure_mismatch": {
        "nl": "andere maat ({measure}) dan de andere effectgroottes van deze uitkomst; niet "
        "samen te nemen",
        "en": "a different measure ({measure}) than the other effect sizes of this outcome; "
        "cannot be pooled with them",
    },
    "render.unused.error": {
        "nl": "onmogelijke gegevens: {detail}",
        "en": "impossible data: {detail}",
    },
    "render.forest.title": {"nl": "{principle} – {outcome}", "en": "{principle} – {outcome}"},
    "render.forest.caption": {
        "nl": "Elke studie met haar 95%-betrouwbaarheidsinterval, de grootte van het vierkant naar "
        "haar gewicht; de ruit is de gepoolde schatting, de balk eronder het "
        "95%-voorspellingsinterval. Maat: {measure}.",
        "en": "Each study with its 95% confidence interval, the size of its square by its "
        "weight; the diamond is the pooled estimate, the bar under it the 95% prediction "
        "interval. Measure: {measure}.",
    },
    "render.forest.pooled": {"nl": "Gepoold (random effects)", "en": "Pooled (random effects)"},
    "render.funnel.title": {"nl": "Trechterplot: {cell}", "en": "Funnel plot: {cell}"},
    "render.funnel.caption": {
        "nl": "Elke effectgrootte tegen haar standaardfout; open punten zijn studies die "
        "trim-and-fill aanvult, en de verticale lijn is de schatting na trim-and-fill (zoals "
        "metafor die tekent; zonder trim-and-fill de gepoolde schatting). Een scheve trechter "
        "kan wijzen op publicatiebias.",
        "en": "Each effect size against its standard error; open points are studies that "
        "trim-and-fill imputes, and the vertical line is the estimate after trim-and-fill (as "
        "metafor draws it; without trim-and-fill the pooled estimate). An asymmetric funnel may "
        "point to publication bias.",
    },
    "render.gap.intro": {
        "nl": "Welke combinaties van werkzaam element en uitkomst zijn onderzocht, en hoe zeker "
        "is het bewijs? Dezelfde gegevens staan in de tabel onder de figuur.",
        "en": "Which combinations of working principle and outcome have been studied, and how "
        "certain is the evidence? The table below the figure holds the same data.",
    },
    "render.gap.caption": {
        "nl": "Aantal studies per werkzaam element en uitkomst, met de zekerheid van bewijs; een "
        "lege cel is een kennislacune.",
        "en": "Number of studies per working principle and outcome, with the certainty of "
        "evidence; an empty cell is a gap in knowledge.",
    },
    "render.gap.table_caption": {
        "nl": "De bewijskaart als tabel",
        "en": "The evidence gap map as a table",
    },
    "render.gap.cell": {
        "nl": "{studies} studies, {k} effectgroottes; zekerheid: {certainty}",
        "en": "{studies} studies, {k} effect sizes; certainty: {certainty}",
    },
    "render.gap.none": {"nl": "geen studies", "en": "no studies"},
    "render.sof.intro": {
        "nl": "Per werkzaam element en uitkomst: hoeveel bewijs er is, hoe groot het effect is, "
        "hoe zeker, en wat dat betekent (GRADE). De nummers bij de zekerheid verwijzen naar de "
        "redenen voor afwaardering onder de tabel.",
        "en": "Per working principle and outcome: how much evidence there is, how large the "
        "effect is, how certain, and what it means (GRADE). The numbers next to the certainty "
        "refer to the reasons for downgrading below the table.",
    },
    "render.sof.caption": {
        "nl": "Overzicht van de bevindingen (GRADE)",
        "en": "Summary of findings (GRADE)",
    },
    "render.sof.footnote_label": {"nl": "reden {n}", "en": "reason {n}"},
    "render.appendix.intro": {
        "nl": "Hoe het bewijs is verzameld, geselecteerd en getoetst, zodat een lezer elke stap "
        "kan nagaan.",
        "en": "How the evidence was gathered, selected and tested, so that a reader can check "
        "every step.",
    },
    "render.prisma.caption": {
        "nl": "Stroomdiagram volgens PRISMA 2020 (Page et al., 2021): van gevonden referenties tot "
        "de studies in de synthese.",
        "en": "Flow diagram after PRISMA 2020 (Page et al., 2021): from the references found to "
        "the studies in the synthesis.",
    },
    "render.prisma.identified": {
        "nl": "Referenties uit {source}",
        "en": "References from {source}",
    },
    "render.prisma.duplicates": {
        "nl": "Dubbele referenties verwijderd",
        "en": "Duplicates removed",
    },
    "render.prisma.screened": {"nl": "Gescreend", "en": "Screened"},
    "render.prisma.excluded_screening": {
        "nl": "Uitgesloten bij screening",
        "en": "Excluded at screening",
    },
    "render.prisma.assessed": {
        "nl": "Beoordeeld op volledige tekst",
        "en": "Assessed in full text",
    },
    "render.prisma.excluded_full_text": {
        "nl": "Uitgesloten na volledige tekst",
        "en": "Excluded after full text",
    },
    "render.prisma.studies": {"nl": "Studies in het dossier", "en": "Studies in the dossier"},
    "render.prisma.reports": {"nl": "Rapporten van deze studies", "en": "Reports of these studies"},
    "render.prisma.meta": {
        "nl": "Studies in de meta-analyse",
        "en": "Studies in the meta-analysis",
    },
    "render.prisma.effects": {
        "nl": "Effectgroottes in de meta-analyse",
        "en": "Effect sizes in the meta-analysis",
    },
    "render.prisma.unaccounted": {
        "nl": "Niet verantwoorde referenties",
        "en": "Unaccounted references",
    },
    "render.search.question": {"nl": "Vraagstelling", "en": "Review question"},
    "render.search.population": {"nl": "Doelgroep", "en": "Population"},
    "render.search.interventions": {"nl": "Interventies", "en": "Interventions"},
    "render.search.comparisons": {"nl": "Vergelijking", "en": "Comparisons"},
    "render.search.outcomes": {"nl": "Uitkomsten", "en": "Outcomes"},
    "render.search.inclusion": {"nl": "Insluitcriteria", "en": "Inclusion criteria"},
    "render.search.exclusion": {"nl": "Uitsluitcriteria", "en": "Exclusion criteria"},
    "render.search.databases": {"nl": "Databanken", "en": "Databases"},
    "render.search.date": {"nl": "Datum van de zoekactie", "en": "Date of the search"},
    "render.stage.screening": {
        "nl": "screening (titel en samenvatting)",
        "en": "screening (title and abstract)",
    },
    "render.stage.full_text": {"nl": "volledige tekst", "en": "full text"},
    "render.excluded.caption": {
        "nl": "Uitgesloten referenties, met reden",
        "en": "Excluded references, with reasons",
    },
    "render.excluded.none": {
        "nl": "Er zijn geen referenties uitgesloten.",
        "en": "No references were excluded.",
    },
    "render.duplicate.stage": {"nl": "dubbel", "en": "duplicate"},
    "render.duplicate.reason": {
        "nl": "hetzelfde werk als {kept} ({rules})",
        "en": "the same work as {kept} ({rules})",
    },
    "render.sensitivity.intro": {
        "nl": "Hoe stevig is elke schatting? Het bereik als telkens één studie wordt weggelaten, "
        "de schatting met alleen studies met een laag risico op vertekening, de Egger-toets op "
        "een scheve trechter (vanaf 10 effectgroottes) en trim-and-fill.",
        "en": "How robust is each estimate? The range when each study in turn is left out, the "
        "estimate from studies at low risk of bias only, Egger's test for funnel asymmetry "
        "(from 10 effect sizes) and trim-and-fill.",
    },
    "render.sensitivity.caption": {
        "nl": "Gevoeligheidsanalyses per bevinding",
        "en": "Sensitivity analyses per finding",
    },
    "render.sensitivity.low_rob_value": {"nl": "{effect} (k = {k})", "en": "{effect} (k = {k})"},
    "render.sensitivity.trim_fill_value": {
        "nl": "{k0} aangevuld; {estimate}",
        "en": "{k0} imputed; {estimate}",
    },
    "render.claims.intro": {
        "nl": "Elke bewering van de auteurs is getoetst aan alle studies, niet alleen aan de "
        "geciteerde. Een waarschuwing betekent dat de geciteerde studies een ander beeld geven "
        "dan alle studies samen.",
        "en": "Every claim of the authors is checked against all studies, not only the cited "
        "ones. A warning means that the cited studies give a different picture than all studies "
        "together.",
    },
    "render.claims.statement": {"nl": "Bewering", "en": "Claim"},
    "render.claims.ok": {"nl": "Klopt met alle studies.", "en": "Agrees with all studies."},
    "render.claims.warning": {
        "nl": "Waarschuwing: de geciteerde studies geven een ander beeld dan alle studies samen.",
        "en": "Warning: the cited studies give a different picture than all studies together.",
    },
    "render.claims.cited": {"nl": "Geciteerd", "en": "Cited"},
    "render.claims.cited_effect": {
        "nl": "Effect in de geciteerde studies",
        "en": "Effect in the cited studies",
    },
    "render.claims.all_effect": {"nl": "Effect in alle studies", "en": "Effect in all studies"},
    "render.claims.left_out": {"nl": "Niet geciteerde studies", "en": "Studies not cited"},
    "render.claims.effect": {"nl": "{effect} (k = {k})", "en": "{effect} (k = {k})"},
    "render.claims.none": {
        "nl": "De auteurs hebben geen beweringen opgegeven.",
        "en": "The authors have listed no claims.",
    },
    "render.claim_reason.direction": {
        "nl": "de geciteerde studies wijzen de andere kant op",
        "en": "the cited studies point the other way",
    },
    "render.claim_reason.significance": {
        "nl": "significant in de geciteerde studies en niet in alle studies samen, of andersom",
        "en": "the cited studies differ from all studies together in significance",
    },
    "render.claim_reason.size": {
        "nl": "de effecten verschillen meer dan {tolerance}",
        "en": "the effects differ by more than {tolerance}",
    },
    "render.claim_reason.claim_direction": {
        "nl": "alle studies samen laten niet zien wat de bewering zegt",
        "en": "all studies together do not show what the claim says",
    },
    "render.claim_reason.no_cited_effects": {
        "nl": "geen van de geciteerde referenties heeft een bruikbare effectgrootte",
        "en": "none of the cited references has a usable effect size",
    },
    "render.method.1": {
        "nl": "Per werkzaam element en uitkomst zijn alle studies samengenomen waarvan de "
        "interventie dat element heeft: een random-effectsmodel (REML-schatting van τ²) met "
        "95%-betrouwbaarheidsinterval en 95%-voorspellingsinterval. Draagt een studie meer dan "
        "één effectgrootte bij, dan is een drieniveaumodel gebruikt met cluster-robuuste "
        "inferentie per studie.",
        "en": "For each working principle and outcome, all studies whose intervention has that "
        "principle are pooled: a random-effects model (REML estimate of τ²) with a 95% "
        "confidence interval and a 95% prediction interval. Where a study contributes more than "
        "one effect size, a three-level model with cluster-robust inference by study is used.",
    },
    "render.method.2": {
        "nl": "De vergelijking met en zonder een element zet de interventies met het element "
        "tegenover die zonder, voor dezelfde uitkomst (subgroepvergelijking; bij afhankelijke "
        "effectgroottes een meta-regressie). Studies waarbij het element niet gecodeerd is, "
        "tellen in geen van beide groepen mee.",
        "en": "The comparison with and without a principle sets the interventions with it "
        "against those without it, for the same outcome (subgroup comparison; with dependent "
        "effect sizes a meta-regression). Studies that do not code the principle are in "
        "neither group.",
    },
    "render.method.3": {
        "nl": "De zekerheid van bewijs volgt GRADE: gerandomiseerd onderzoek begint hoog, ander "
        "onderzoek laag; er wordt afgewaardeerd voor risico op vertekening, inconsistentie, "
        "onnauwkeurigheid, publicatiebias (Egger-toets vanaf 10 effectgroottes) en "
        "indirectheid. De conclusiezinnen volgen de formuleringen van GRADE (Santesso et al., "
        "2020).",
        "en": "The certainty of evidence follows GRADE: randomised trials start high, other "
        "studies low; evidence is downgraded for risk of bias, inconsistency, imprecision, "
        "publication bias (Egger's test from 10 effect sizes) and indirectness. The conclusion "
        "sentences follow GRADE's wording (Santesso et al., 2020).",
    },
    "render.method.4": {
        "nl": "De gevoeligheidsanalyses laten zien hoe de schatting verandert als telkens één "
        "studie wordt weggelaten, met alleen studies met een laag risico op vertekening, en na "
        "trim-and-fill.",
        "en": "The sensitivity analyses show how the estimate changes when each study in turn "
        "is left out, with studies at low risk of bias only, and after trim-and-fill.",
    },
    "render.method.5": {
        "nl": "Elk werkzaam element staat onder ‘Wat werkt’, ‘Veelbelovende aanpakken’ of ‘Geen "
        "aanwijzingen voor een effect’, volgens de regel aan het begin van dat hoofdstuk. Elke "
        "gevonden referentie is gecodeerd of met reden uitgesloten; er is geen studie "
        "weggelaten.",
        "en": "Every working principle is under ‘What works’, ‘Promising approaches’ or ‘No "
        "evidence of an effect’, by the rule at the start of that chapter. Every reference found "
        "is coded or excluded with a reason; no study is left out.",
    },
    "render.pdf_unavailable": {
        "nl": "PDF maken vraagt WeasyPrint; installeer het met "
        "python3 -m pip install 'watwerkt[pdf]' (en Pango, op Debian libpango-1.0-0). "
        "Oorzaak: {detail}",
        "en": "PDF output needs WeasyPrint; install it with "
        "python3 -m pip install 'watwerkt[pdf]' (and Pango, on Debian libpango-1.0-0). "
        "Cause: {detail}",
    },
    # -- the build command (watwerkt/cli_build.py)
    "render.build.step": {"nl": "[{step}/{total}] {what}", "en": "[{step}/{total}] {what}"},
    "render.build.steps.read": {"nl": "dossier lezen", "en": "reading the dossier"},
    "render.build.steps.synthesis": {"nl": "bewijs samennemen", "en": "synthesising the evidence"},
    "render.build.steps.claims": {"nl": "beweringen controleren", "en": "checking the claims"},
    "render.build.steps.view": {
        "nl": "figuren en tabellen maken",
        "en": "making figures and tables",
    },
    "render.build.steps.html": {"nl": "HTML opmaken", "en": "rendering HTML"},
    "render.build.steps.md": {"nl": "Markdown opmaken", "en": "rendering Markdown"},
    "render.build.steps.pdf": {"nl": "PDF maken", "en": "making the PDF"},
    "render.build.steps.write": {"nl": "bestanden schrijven", "en": "writing the files"},
    "render.build.written_file": {"nl": "geschreven: {path}", "en": "written: {path}"},
    "render.build.open": {
        "nl": "Open {path} in een browser (werkt ook offline)",
        "en": "Open {path} in a browser (works offline too)",
    },
    "render.build.unknown_format": {
        "nl": "onbekend formaat {fmt!r}; kies uit {choices}",
        "en": "unknown format {fmt!r}; choose from {choices}",
    },
    "render.build.outside_out": {
        "nl": "{path} ligt buiten de uitvoermap {out}; er is niets geschreven",
        "en": "{path} lies outside the output folder {out}; nothing was written",
    },
    "render.build.out_not_a_folder": {
        "nl": "uitvoermap {out} kan niet worden gemaakt: {detail}; er is niets geschreven",
        "en": "output folder {out} cannot be created: {detail}; nothing was written",
    },
    # -- (end of dossier rendering keys)
    # -- forest plot of a principle with/without, funnel centre after trim-and-fill
    "render.forest.contrast.with_heading": {
        "nl": "Met het element (k = {k})",
        "en": "With the principle (k = {k})",
    },
    "render.forest.contrast.without_heading": {
        "nl": "Zonder het element (k = {k})",
        "en": "Without the principle (k = {k})",
    },
    "render.forest.contrast.with_subtotal": {
        "nl": "Subtotaal met = bevinding (random effects)",
        "en": "Subtotal with = finding (random effects)",
    },
    "render.forest.contrast.without_subtotal": {
        "nl": "Subtotaal zonder (random effects)",
        "en": "Subtotal without (random effects)",
    },
    "render.forest.contrast.test": {
        "nl": "Toets van het verschil tussen de subgroepen (met − zonder): verschil {difference}, "
        "{p} ({method}).",
        "en": "Test for subgroup differences (with − without): difference {difference}, {p} "
        "({method}).",
    },
    "render.forest.contrast.untested": {
        "nl": "Het verschil tussen de subgroepen kon niet worden getoetst.",
        "en": "The difference between the subgroups could not be tested.",
    },
    "render.forest.contrast.three_level": {
        "nl": "De gemiddelden per groep komen uit één meta-regressie (met {with_value}, zonder "
        "{without_value}); de groep zonder het element heeft daarom geen eigen ruit en geen "
        "gewichten.",
        "en": "The group means come from one meta-regression (with {with_value}, without "
        "{without_value}); so the group without the principle has no diamond and no weights "
        "of its own.",
    },
    "render.forest.contrast.not_coded": {
        "nl": "Niet in de figuur: effectgrootten waarbij niet is gecodeerd of de interventie dit "
        "element heeft (NA; k = {n}); die horen bij geen van beide groepen.",
        "en": "Not in the figure: effect sizes for which it was not coded whether the "
        "intervention has this principle (NA; k = {n}); they belong to neither group.",
    },
    "render.forest.caption_contrast": {
        "nl": "Studies met en zonder het element, elk met haar 95%-betrouwbaarheidsinterval; de "
        "grootte van het vierkant is haar gewicht binnen de eigen subgroep. De open ruiten zijn "
        "de gepoolde schattingen per subgroep; die van ‘met’ is de bevinding van dit element, "
        "met eronder het 95%-voorspellingsinterval. {notes} Maat: {measure}.",
        "en": "Studies with and without the principle, each with its 95% confidence interval; "
        "the size of its square is its weight within its own subgroup. The open diamonds are "
        "the pooled estimates per subgroup; the one for ‘with’ is this principle's finding, "
        "with the 95% prediction interval under it. {notes} Measure: {measure}.",
    },
    "render.funnel.filled_centre": {
        "nl": "Schatting na trim-and-fill",
        "en": "Estimate after trim-and-fill",
    },
    "render.plot.funnel.alt_centre": {
        "nl": "Funnelplot van {studies} ({effect}) uitgezet tegen hun standaardfout "
        "(van {se_min} tot {se_max}), met als verticale lijn: {label} ({estimate}), en het "
        "pseudo-95%-betrouwbaarheidsgebied.",
        "en": "Funnel plot of {studies} ({effect}) against their standard error "
        "(from {se_min} to {se_max}), with as a vertical line: {label} ({estimate}), and the "
        "pseudo 95% confidence region.",
    },
    # (end of render messages)
    # -------------------------------------------------------------- reflection
    # Keys "reflect.*": reflection tools, QuickScan, answer files and score reports.
    # -- reflect: dossier.yaml `reflection:` section
    "reflect.config.standard_kind": {
        "nl": "standaardvraag {id!r} is van het soort {kind!r}; laat 'kind' weg of gebruik "
        "{kind!r}",
        "en": "standard item {id!r} is of kind {kind!r}; leave 'kind' out or use {kind!r}",
    },
    "reflect.config.kind_needed": {
        "nl": "nieuwe vraag {id!r} heeft een 'kind' nodig: closed, open of need",
        "en": "new item {id!r} needs a 'kind': closed, open or need",
    },
    "reflect.kind.item": {"nl": "vraag", "en": "item"},
    # -- reflect: the questionnaire
    "reflect.tool.title": {"nl": "Reflectietool: {title}", "en": "Reflection tool: {title}"},
    "reflect.scale.0": {"nl": "niet", "en": "not"},
    "reflect.scale.1": {"nl": "een beetje", "en": "a little"},
    "reflect.scale.2": {"nl": "grotendeels", "en": "largely"},
    "reflect.scale.3": {"nl": "volledig", "en": "fully"},
    "reflect.scale.na": {"nl": "niet van toepassing", "en": "not applicable"},
    "reflect.item.toepassing": {
        "nl": "In hoeverre zit dit element in uw aanpak?",
        "en": "To what extent is this element part of your approach?",
    },
    "reflect.item.bewust": {
        "nl": "In hoeverre zet u dit element bewust in, met het doel dat erbij hoort?",
        "en": "To what extent do you use this element deliberately, for the purpose it serves?",
    },
    "reflect.item.praktijk": {
        "nl": "Hoe doet u dit in uw praktijk? Geef een voorbeeld.",
        "en": "How do you do this in your practice? Give an example.",
    },
    "reflect.item.nodig": {
        "nl": "Wat zou u nodig hebben om dit (meer) te doen?",
        "en": "What would you need to do this (more)?",
    },
    "reflect.certainty.high": {"nl": "hoog", "en": "high"},
    "reflect.certainty.moderate": {"nl": "redelijk", "en": "moderate"},
    "reflect.certainty.low": {"nl": "laag", "en": "low"},
    "reflect.certainty.very_low": {"nl": "zeer laag", "en": "very low"},
    "reflect.certainty.none": {"nl": "niet beoordeeld", "en": "not graded"},
    "reflect.evidence.line": {
        "nl": "{outcome} (zekerheid van bewijs: {certainty}): {conclusion}",
        "en": "{outcome} (certainty of evidence: {certainty}): {conclusion}",
    },
    "reflect.evidence.none": {
        "nl": "Dit dossier bevat geen gesynthetiseerde studies over dit element; er is dus "
        "geen bewijs van effect beoordeeld. Dat betekent niet dat het niet werkt.",
        "en": "This dossier contains no synthesised studies of this element, so no evidence "
        "of effect has been assessed. That does not mean it does not work.",
    },
    # -- reflect: QuickScan (five building blocks, see watwerkt/reflection/quickscan.py)
    "reflect.qs.title": {
        "nl": "QuickScan: bouwstenen van uw aanpak",
        "en": "QuickScan: building blocks of your approach",
    },
    "reflect.qs.introduction": {
        "nl": "Vijf bouwstenen van een effectieve interventie. Uw antwoorden geven een indicatie "
        "van het erkenningsniveau waar uw aanpak bij past; alleen de Erkenningscommissie "
        "Interventies kan een aanpak erkennen.",
        "en": "Five building blocks of an effective intervention. Your answers indicate which "
        "Dutch recognition level your approach fits; only the Erkenningscommissie Interventies "
        "can recognise an approach.",
    },
    "reflect.qs.beschrijving.name": {"nl": "Beschrijving", "en": "Description"},
    "reflect.qs.beschrijving.description": {
        "nl": "Staat op papier voor wie de aanpak is, wat hij wil bereiken en hoe?",
        "en": "Is it written down whom the approach is for, what it aims at, and how?",
    },
    "reflect.qs.beschrijving.doelgroep-doelen": {
        "nl": "In hoeverre zijn de doelgroep en de doelen van uw aanpak beschreven?",
        "en": "To what extent are the target group and the goals of your approach described?",
    },
    "reflect.qs.beschrijving.aanpak": {
        "nl": "In hoeverre is de werkwijze (stappen, activiteiten, volgorde) beschreven, "
        "bijvoorbeeld in een handleiding?",
        "en": "To what extent is the way of working (steps, activities, order) described, "
        "for example in a manual?",
    },
    "reflect.qs.beschrijving.samenhang": {
        "nl": "In hoeverre is duidelijk hoe probleem, doelgroep, doelen en aanpak samenhangen?",
        "en": "To what extent is it clear how problem, target group, goals and approach fit "
        "together?",
    },
    "reflect.qs.onderbouwing.name": {"nl": "Onderbouwing", "en": "Theory of change"},
    "reflect.qs.onderbouwing.description": {
        "nl": "Is uitgelegd waarom de aanpak zou werken?",
        "en": "Is it explained why the approach should work?",
    },
    "reflect.qs.onderbouwing.verandertheorie": {
        "nl": "In hoeverre is uitgelegd welke oorzaken uw aanpak aanpakt en hoe dat tot "
        "verandering leidt (een verandertheorie)?",
        "en": "To what extent is it explained which causes your approach addresses and how "
        "that leads to change (a theory of change)?",
    },
    "reflect.qs.onderbouwing.literatuur": {
        "nl": "In hoeverre steunt die uitleg op theorie of onderzoek uit de literatuur?",
        "en": "To what extent does that explanation rest on theory or research from the "
        "literature?",
    },
    "reflect.qs.praktijk.name": {
        "nl": "Praktijkervaring en procesevaluatie",
        "en": "Practice and process evaluation",
    },
    "reflect.qs.praktijk.description": {
        "nl": "Weet u hoe de uitvoering in de praktijk gaat?",
        "en": "Do you know how the approach works out in practice?",
    },
    "reflect.qs.praktijk.ervaringen": {
        "nl": "In hoeverre zijn ervaringen van uitvoerders en deelnemers verzameld en vastgelegd?",
        "en": "To what extent are experiences of practitioners and participants collected and "
        "recorded?",
    },
    "reflect.qs.praktijk.procesevaluatie": {
        "nl": "In hoeverre is onderzocht of de aanpak wordt uitgevoerd zoals bedoeld "
        "(procesevaluatie)?",
        "en": "To what extent has it been studied whether the approach is carried out as "
        "intended (process evaluation)?",
    },
    "reflect.qs.effect.name": {"nl": "Onderzoek naar effect", "en": "Evidence of effect"},
    "reflect.qs.effect.description": {
        "nl": "Is onderzocht of de aanpak zijn doelen bereikt?",
        "en": "Has it been studied whether the approach reaches its goals?",
    },
    "reflect.qs.effect.question": {
        "nl": "Welk onderzoek naar het effect van uw aanpak is er?",
        "en": "What research into the effect of your approach exists?",
    },
    "reflect.qs.effect.geen": {
        "nl": "Geen effectonderzoek, of geen met een gunstig effect",
        "en": "No effect study, or none with a favourable effect",
    },
    "reflect.qs.effect.eerste": {
        "nl": "Een studie zonder controlegroep (bijvoorbeeld een voor- en nameting) met een "
        "gunstig effect",
        "en": "A study without a control group (for example a pre-test/post-test) with a "
        "favourable effect",
    },
    "reflect.qs.effect.goede": {
        "nl": "Ten minste één studie met een controlegroep met een gunstig effect",
        "en": "At least one study with a control group with a favourable effect",
    },
    "reflect.qs.effect.sterke": {
        "nl": "Ten minste twee studies met een controlegroep met een gunstig effect, waarvan "
        "één zes maanden of langer na afloop gemeten",
        "en": "At least two studies with a control group with a favourable effect, one of "
        "them measured six months or more afterwards",
    },
    "reflect.qs.uitvoering.name": {"nl": "Uitvoering en implementatie", "en": "Implementation"},
    "reflect.qs.uitvoering.description": {
        "nl": "Kan de aanpak goed en op andere plekken worden uitgevoerd?",
        "en": "Can the approach be carried out well, also elsewhere?",
    },
    "reflect.qs.uitvoering.randvoorwaarden": {
        "nl": "In hoeverre zijn de randvoorwaarden beschreven (opleiding, tijd, kosten, "
        "materialen)?",
        "en": "To what extent are the conditions described (training, time, costs, materials)?",
    },
    "reflect.qs.uitvoering.kwaliteit": {
        "nl": "In hoeverre bewaakt u de kwaliteit van de uitvoering (bijvoorbeeld intervisie, "
        "supervisie, registratie)?",
        "en": "To what extent do you monitor the quality of delivery (for example peer "
        "review, supervision, records)?",
    },
    "reflect.qs.uitvoering.overdraagbaar": {
        "nl": "In hoeverre kan een andere organisatie de aanpak overnemen met wat er beschreven "
        "is?",
        "en": "To what extent could another organisation adopt the approach from what is "
        "described?",
    },
    "reflect.qs.source.described": {
        "nl": "Goed beschreven: doelgroep, doelen, aanpak, randvoorwaarden, overdraagbaarheid "
        "en praktijkervaringen beschreven (Movisie, Beoordeling en erkenning; RIVM, Niveaus "
        "en criteria voor beoordeling).",
        "en": "Well described: target group, goals, approach, conditions, transferability and "
        "practice experience described (Movisie, Beoordeling en erkenning; RIVM, Niveaus en "
        "criteria voor beoordeling).",
    },
    "reflect.qs.source.founded": {
        "nl": "Goed onderbouwd: daarbij is de werkzaamheid onderbouwd met theorie of "
        "literatuur (Movisie, Beoordeling en erkenning).",
        "en": "Well founded: in addition, why it works is founded on theory or literature "
        "(Movisie, Beoordeling en erkenning).",
    },
    "reflect.qs.source.effect": {
        "nl": "Effectief: daarbij effectonderzoek volgens de criteria van de "
        "Erkenningscommissie Interventies (zoals in watwerkt.synthesis.recognition).",
        "en": "Effective: in addition, effect studies as in the criteria of the "
        "Erkenningscommissie Interventies (as in watwerkt.synthesis.recognition).",
    },
    "reflect.level.goed_beschreven": {"nl": "goed beschreven", "en": "well described"},
    "reflect.level.goed_onderbouwd": {"nl": "goed onderbouwd", "en": "well founded"},
    "reflect.level.effectief_eerste_aanwijzingen": {
        "nl": "effectief: eerste aanwijzingen",
        "en": "effective: first indications",
    },
    "reflect.level.effectief_goede_aanwijzingen": {
        "nl": "effectief: goede aanwijzingen",
        "en": "effective: good indications",
    },
    "reflect.level.effectief_sterke_aanwijzingen": {
        "nl": "effectief: sterke aanwijzingen",
        "en": "effective: strong indications",
    },
    # -- reflect: the HTML form
    "reflect.ui.lead": {
        "nl": "Leg uw eigen aanpak naast de werkzame elementen uit het dossier. Dit is een "
        "hulpmiddel om over uw werk na te denken, geen toets en geen keurmerk.",
        "en": "Hold your own approach against the working principles of the dossier. This is "
        "a tool for reflecting on your work, not a test and not a quality mark.",
    },
    "reflect.ui.how_title": {"nl": "Zo werkt deze tool", "en": "How this tool works"},
    "reflect.ui.how_fill": {
        "nl": "Kies per vraag hoe sterk het element in uw aanpak zit: niet, een beetje, "
        "grotendeels of volledig; of 'niet van toepassing'.",
        "en": "For each question choose how strongly the element is part of your approach: "
        "not, a little, largely or fully; or 'not applicable'.",
    },
    "reflect.ui.how_store": {
        "nl": "Uw antwoorden blijven in deze browser op dit apparaat; er wordt niets verstuurd.",
        "en": "Your answers stay in this browser on this device; nothing is sent anywhere.",
    },
    "reflect.ui.how_export": {
        "nl": "Met 'Antwoorden opslaan als bestand' bewaart u ze als JSON-bestand, bijvoorbeeld "
        "om ze op een ander apparaat verder in te vullen of met een collega te bespreken.",
        "en": "'Save answers as a file' stores them as a JSON file, for example to continue on "
        "another device or to discuss them with a colleague.",
    },
    "reflect.ui.how_import": {
        "nl": "Met 'Antwoordbestand openen' laadt u zo'n bestand weer in.",
        "en": "'Open answers file' loads such a file again.",
    },
    "reflect.ui.how_profile": {
        "nl": "Onderaan ziet u uw profiel: per element hoe sterk het in uw aanpak zit, en welke "
        "elementen met het sterkste bewijs u nog kunt versterken.",
        "en": "At the bottom you see your profile: per element how strongly it is part of your "
        "approach, and which elements with the strongest evidence you could strengthen.",
    },
    "reflect.ui.toolbar": {"nl": "Antwoorden", "en": "Answers"},
    "reflect.ui.export": {"nl": "Antwoorden opslaan als bestand", "en": "Save answers as a file"},
    "reflect.ui.import": {"nl": "Antwoordbestand openen", "en": "Open answers file"},
    "reflect.ui.print": {"nl": "Afdrukken", "en": "Print"},
    "reflect.ui.clear": {"nl": "Alles wissen", "en": "Clear all"},
    "reflect.ui.noscript": {
        "nl": "JavaScript staat uit: u kunt de vragen lezen en afdrukken, maar antwoorden worden "
        "niet bewaard en het profiel wordt niet berekend.",
        "en": "JavaScript is off: you can read and print the questions, but answers are not "
        "kept and the profile is not computed.",
    },
    "reflect.ui.why": {"nl": "Waarom het zou werken:", "en": "Why it would work:"},
    "reflect.ui.evidence": {"nl": "Wat het onderzoek zegt:", "en": "What the research says:"},
    "reflect.ui.profile": {"nl": "Uw profiel", "en": "Your profile"},
    "reflect.ui.profile_note": {
        "nl": "Dekking: het gemiddelde van uw antwoorden op de gesloten vragen (niet = 0 tot "
        "volledig = 3), als percentage van 3. 'Niet van toepassing' telt niet mee.",
        "en": "Coverage: the mean of your answers to the closed questions (not = 0 to fully = "
        "3), as a percentage of 3. 'Not applicable' does not count.",
    },
    "reflect.ui.col_principle": {"nl": "Werkzaam element", "en": "Working principle"},
    "reflect.ui.col_coverage": {"nl": "Dekking", "en": "Coverage"},
    "reflect.ui.col_answered": {"nl": "Beantwoord", "en": "Answered"},
    "reflect.ui.col_certainty": {"nl": "Zekerheid van bewijs", "en": "Certainty of evidence"},
    "reflect.ui.gaps": {"nl": "Kansen om te versterken", "en": "Room to strengthen"},
    "reflect.ui.gaps_note": {
        "nl": "Elementen die gemiddeld minder dan 'grotendeels' in uw aanpak zitten, het "
        "sterkste bewijs eerst.",
        "en": "Elements that are on average less than 'largely' part of your approach, the "
        "strongest evidence first.",
    },
    "reflect.ui.quickscan_result": {"nl": "QuickScan", "en": "QuickScan"},
    "reflect.ui.level_note": {
        "nl": "Een indicatie in de termen van de Nederlandse erkenning van interventies, geen "
        "erkenning.",
        "en": "An indication in the terms of the Dutch recognition of interventions, not a "
        "recognition.",
    },
    "reflect.ui.privacy": {
        "nl": "Deze pagina werkt zonder internet en verstuurt niets: uw antwoorden staan alleen "
        "in deze browser en in bestanden die u zelf opslaat.",
        "en": "This page works offline and sends nothing: your answers are only in this browser "
        "and in files you save yourself.",
    },
    "reflect.ui.footer": {
        "nl": "Gemaakt met watwerkt. Tool {id}, versie {version}, inhoud",
        "en": "Made with watwerkt. Tool {id}, version {version}, content",
    },
    # -- reflect: texts of the form's JavaScript (plain {name} placeholders only)
    "reflect.js.storage_failed": {
        "nl": "Deze browser kan de antwoorden niet bewaren; sla ze op als bestand.",
        "en": "This browser cannot keep the answers; save them as a file.",
    },
    "reflect.js.answered": {
        "nl": "{answered} van {items}",
        "en": "{answered} of {items}",
    },
    "reflect.js.answered_na": {"nl": "(n.v.t.: {na})", "en": "(n/a: {na})"},
    "reflect.js.partial": {
        "nl": "Gedeeltelijk profiel: {missing} vragen zonder antwoord, {invalid} ongeldige "
        "antwoorden, {unknown} antwoorden op onbekende vragen.",
        "en": "Partial profile: {missing} items without an answer, {invalid} invalid answers, "
        "{unknown} answers to unknown items.",
    },
    "reflect.js.partial_no_tool": {
        "nl": "Het antwoordbestand zegt niet bij welke tool het hoort.",
        "en": "The answers file does not say which tool it belongs to.",
    },
    "reflect.js.partial_other_tool": {
        "nl": "De antwoorden zijn gegeven met tool {id}, versie {version}, niet met deze "
        "vragenlijst; beantwoord een vraag om ze over te nemen.",
        "en": "The answers were given with tool {id}, version {version}, not with this "
        "questionnaire; answer a question to take them over.",
    },
    "reflect.js.older_found": {
        "nl": "In deze browser staan {count} antwoorden van versie {version} van deze tool.",
        "en": "This browser holds {count} answers from version {version} of this tool.",
    },
    "reflect.js.older_take_over": {"nl": "Overnemen", "en": "Take over"},
    "reflect.js.older_save": {"nl": "Opslaan als bestand", "en": "Save as a file"},
    "reflect.js.older_taken": {
        "nl": "{count} antwoorden van versie {version} overgenomen; controleer ze.",
        "en": "{count} answers from version {version} taken over; please check them.",
    },
    "reflect.js.status_not_applicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "reflect.js.status_unanswered": {"nl": "nog niet beantwoord", "en": "not answered yet"},
    "reflect.js.certainty_high": {"nl": "hoog", "en": "high"},
    "reflect.js.certainty_moderate": {"nl": "redelijk", "en": "moderate"},
    "reflect.js.certainty_low": {"nl": "laag", "en": "low"},
    "reflect.js.certainty_very_low": {"nl": "zeer laag", "en": "very low"},
    "reflect.js.certainty_none": {"nl": "niet beoordeeld", "en": "not graded"},
    "reflect.js.gap_line": {
        "nl": "{name}: dekking {coverage}, zekerheid van bewijs {certainty}",
        "en": "{name}: coverage {coverage}, certainty of evidence {certainty}",
    },
    "reflect.js.no_gaps": {
        "nl": "Geen: elk beantwoord element zit ten minste grotendeels in uw aanpak.",
        "en": "None: every answered element is at least largely part of your approach.",
    },
    "reflect.js.no_level": {
        "nl": "Nog geen erkenningsniveau aangegeven door uw antwoorden.",
        "en": "Your answers do not indicate a recognition level yet.",
    },
    "reflect.js.level": {
        "nl": "Uw antwoorden passen bij het niveau: {level}.",
        "en": "Your answers fit the level: {level}.",
    },
    "reflect.js.file_name": {
        "nl": "antwoorden-{id}-{version}.json",
        "en": "answers-{id}-{version}.json",
    },
    "reflect.js.exported": {"nl": "Opgeslagen als {file}.", "en": "Saved as {file}."},
    "reflect.js.import_not_json": {
        "nl": "{file} is geen antwoordbestand (geen geldige JSON).",
        "en": "{file} is not an answers file (not valid JSON).",
    },
    "reflect.js.import_no_answers": {
        "nl": "{file} bevat geen antwoorden ('answers' ontbreekt).",
        "en": "{file} holds no answers ('answers' is missing).",
    },
    "reflect.js.import_other_tool": {
        "nl": "Let op: dit bestand hoort bij tool {got}, niet bij {expected}; alleen vragen "
        "die in beide voorkomen zijn ingevuld.",
        "en": "Note: this file belongs to tool {got}, not {expected}; only questions both "
        "have are filled in.",
    },
    "reflect.js.import_other_version": {
        "nl": "Let op: dit bestand hoort bij versie {got} van deze tool, niet bij {expected}.",
        "en": "Note: this file belongs to version {got} of this tool, not {expected}.",
    },
    "reflect.js.import_hash_mismatch": {
        "nl": "Let op: de vragenlijst van dit bestand wijkt af van deze (andere inhoud of een "
        "bewerkt bestand); controleer de antwoorden.",
        "en": "Note: the questionnaire of this file differs from this one (other content or an "
        "edited file); check the answers.",
    },
    "reflect.js.imported": {
        "nl": "{count} antwoorden ingelezen uit {file}.",
        "en": "{count} answers read from {file}.",
    },
    "reflect.js.import_kept": {
        "nl": "{count} antwoorden passen niet bij deze vragen; ze blijven bewaard en gaan mee "
        "bij opslaan.",
        "en": "{count} answers do not fit these questions; they are kept and saved along.",
    },
    "reflect.js.clear_confirm": {
        "nl": "Alle antwoorden wissen? Dit kan niet ongedaan worden gemaakt.",
        "en": "Clear all answers? This cannot be undone.",
    },
    "reflect.js.cleared": {"nl": "Alle antwoorden zijn gewist.", "en": "All answers cleared."},
    "reflect.js.restored": {
        "nl": "Uw eerder ingevulde antwoorden zijn teruggezet.",
        "en": "Your earlier answers have been restored.",
    },
    "reflect.js.restored_changed": {
        "nl": "Uw eerdere antwoorden zijn teruggezet, maar de vragenlijst is sindsdien "
        "gewijzigd; controleer ze.",
        "en": "Your earlier answers have been restored, but the questionnaire has changed "
        "since; please check them.",
    },
    # -- reflect: answers files
    "reflect.answers.ok": {
        "nl": "{path}: {count} geldige antwoorden, geen problemen",
        "en": "{path}: {count} valid answers, no problems",
    },
    "reflect.answers.unreadable": {
        "nl": "antwoordbestand kan niet gelezen worden: {detail}",
        "en": "answers file cannot be read: {detail}",
    },
    "reflect.answers.invalid_json": {
        "nl": "geen geldige JSON: {detail}; verwacht een antwoordbestand zoals de reflectietool "
        "het opslaat",
        "en": "not valid JSON: {detail}; expected an answers file as the reflection tool saves it",
    },
    "reflect.answers.not_object": {
        "nl": "verwacht een JSON-object met 'tool' en 'answers', kreeg {got}",
        "en": "expected a JSON object with 'tool' and 'answers', got {got}",
    },
    "reflect.answers.is_tool": {
        "nl": "dit is een vragenlijst (questionnaire.json), geen antwoordbestand",
        "en": "this is a questionnaire (questionnaire.json), not an answers file",
    },
    "reflect.answers.field": {
        "nl": "veld {field!r}: verwacht {expected}, kreeg {got}",
        "en": "field {field!r}: expected {expected}, got {got}",
    },
    "reflect.answers.unknown_key": {
        "nl": "onbekend veld {name!r} (toegestaan: {allowed}); het wordt niet gebruikt",
        "en": "unknown field {name!r} (allowed: {allowed}); it is not used",
    },
    "reflect.answers.other_tool": {
        "nl": "veld 'tool.id': de antwoorden horen bij tool {got!r}, niet bij {expected!r}; "
        "alleen vragen die in beide voorkomen zijn gescoord",
        "en": "field 'tool.id': the answers belong to tool {got!r}, not {expected!r}; only "
        "questions both have are scored",
    },
    "reflect.answers.other_version": {
        "nl": "veld 'tool.version': de antwoorden horen bij versie {got!r}, niet bij "
        "{expected!r}; vragen zijn op id gekoppeld",
        "en": "field 'tool.version': the answers belong to version {got!r}, not {expected!r}; "
        "questions are matched by id",
    },
    "reflect.answers.hash_mismatch": {
        "nl": "veld 'tool.hash': verwacht {expected}, kreeg {got}: de vragenlijst is gewijzigd "
        "of het bestand is bewerkt; vragen zijn op id gekoppeld",
        "en": "field 'tool.hash': expected {expected}, got {got}: the questionnaire has changed "
        "or the file was edited; questions are matched by id",
    },
    "reflect.answers.unknown_item": {
        "nl": "antwoord op onbekende vraag {item!r}: deze tool kent die vraag niet; het "
        "antwoord staat apart in het rapport",
        "en": "answer to unknown item {item!r}: this tool has no such item; the answer is "
        "listed separately in the report",
    },
    "reflect.answers.bad_value": {
        "nl": "vraag {item!r}: verwacht {expected}, kreeg {got}; telt als niet beantwoord",
        "en": "item {item!r}: expected {expected}, got {got}; counted as not answered",
    },
    "reflect.answers.missing": {
        "nl": "{count} vragen zonder antwoord: {items}",
        "en": "{count} items without an answer: {items}",
    },
    # -- reflect: the score report
    "reflect.report.title": {
        "nl": "Reflectieprofiel: {title}",
        "en": "Reflection profile: {title}",
    },
    "reflect.report.intro": {
        "nl": "Dit profiel laat zien hoe sterk de werkzame elementen uit het dossier in de "
        "beschreven aanpak zitten, en waar ruimte is om te versterken.",
        "en": "This profile shows how strongly the working principles of the dossier are part "
        "of the approach described, and where there is room to strengthen it.",
    },
    "reflect.report.partial": {
        "nl": "Gedeeltelijk rapport: het antwoordbestand heeft problemen",
        "en": "Partial report: the answers file has problems",
    },
    "reflect.report.partial_note": {
        "nl": "Wat wel te lezen was, is gescoord; ontbrekende en ongeldige antwoorden zijn "
        "hieronder gemarkeerd en niets is weggelaten.",
        "en": "What could be read is scored; missing and invalid answers are marked below and "
        "nothing is left out.",
    },
    "reflect.report.sources": {
        "nl": "Tool {id}, versie {version} ({hash}); antwoorden uit {path}.",
        "en": "Tool {id}, version {version} ({hash}); answers from {path}.",
    },
    "reflect.report.chart": {"nl": "Dekking per werkzaam element", "en": "Coverage per principle"},
    "reflect.report.chart_desc": {
        "nl": "Staafdiagram: per element de dekking in procenten (0 tot 100), gekleurd naar de "
        "zekerheid van het bewijs; de stippellijn markeert 'grotendeels'.",
        "en": "Bar chart: per element the coverage in percent (0 to 100), coloured by the "
        "certainty of evidence; the dotted line marks 'largely'.",
    },
    "reflect.report.largely": {"nl": "grotendeels", "en": "largely"},
    "reflect.report.bar_label": {
        "nl": "{coverage} · {certainty}",
        "en": "{coverage} · {certainty}",
    },
    "reflect.report.overview": {"nl": "Overzicht per element", "en": "Overview per principle"},
    "reflect.report.col_principle": {"nl": "Werkzaam element", "en": "Working principle"},
    "reflect.report.col_coverage": {"nl": "Dekking", "en": "Coverage"},
    "reflect.report.col_answered": {"nl": "Beantwoord", "en": "Answered"},
    "reflect.report.col_na": {"nl": "N.v.t.", "en": "N/a"},
    "reflect.report.col_missing": {"nl": "Ontbreekt", "en": "Missing"},
    "reflect.report.col_certainty": {"nl": "Zekerheid van bewijs", "en": "Certainty of evidence"},
    "reflect.report.status.answered": {"nl": "beantwoord", "en": "answered"},
    "reflect.report.status.partial": {"nl": "deels beantwoord", "en": "partly answered"},
    "reflect.report.status.unanswered": {"nl": "niet beantwoord", "en": "not answered"},
    "reflect.report.status.not_applicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "reflect.report.gaps": {"nl": "Kansen om te versterken", "en": "Room to strengthen"},
    "reflect.report.gaps_note": {
        "nl": "Elementen die gemiddeld minder dan 'grotendeels' in de aanpak zitten, geordend "
        "naar de sterkte van het bewijs (hoog, redelijk, laag, zeer laag, niet beoordeeld) en "
        "daarna naar dekking.",
        "en": "Elements that are on average less than 'largely' part of the approach, ordered "
        "by the strength of evidence (high, moderate, low, very low, not graded) and then by "
        "coverage.",
    },
    "reflect.report.no_gaps": {
        "nl": "Geen: elk beantwoord element zit ten minste grotendeels in de aanpak.",
        "en": "None: every answered element is at least largely part of the approach.",
    },
    "reflect.report.gap_heading": {
        "nl": "{name} (dekking {coverage}; zekerheid van bewijs: {certainty})",
        "en": "{name} (coverage {coverage}; certainty of evidence: {certainty})",
    },
    "reflect.report.what": {"nl": "Wat het element is:", "en": "What the element is:"},
    "reflect.report.suggestions": {
        "nl": "Suggesties uit het dossier:",
        "en": "Suggestions from the dossier:",
    },
    "reflect.report.needs": {"nl": "Wat u zei nodig te hebben:", "en": "What you said you need:"},
    "reflect.report.practice": {"nl": "Uw praktijk", "en": "Your practice"},
    "reflect.report.unanswered": {"nl": "Niet beantwoord", "en": "Not answered"},
    "reflect.report.unanswered_note": {
        "nl": "Voor deze elementen is geen gesloten vraag beantwoord; ze tellen niet mee in de "
        "kansen hierboven.",
        "en": "No closed question was answered for these elements; they are not among the "
        "opportunities above.",
    },
    "reflect.report.quickscan": {"nl": "QuickScan: bouwstenen", "en": "QuickScan: building blocks"},
    "reflect.report.col_block": {"nl": "Bouwsteen", "en": "Building block"},
    "reflect.report.col_met": {"nl": "Aanwezig", "en": "In place"},
    "reflect.report.yes": {"nl": "ja", "en": "yes"},
    "reflect.report.no": {"nl": "nee", "en": "no"},
    "reflect.report.level": {
        "nl": "De antwoorden passen bij het niveau: {level}.",
        "en": "The answers fit the level: {level}.",
    },
    "reflect.report.no_level": {
        "nl": "De antwoorden geven nog geen erkenningsniveau aan.",
        "en": "The answers do not indicate a recognition level yet.",
    },
    "reflect.report.unknown": {
        "nl": "Antwoorden op onbekende vragen",
        "en": "Answers to unknown items",
    },
    "reflect.report.unknown_note": {
        "nl": "Deze antwoorden staan in het bestand maar horen bij geen vraag van deze tool; ze "
        "zijn niet gescoord en staan hier ongewijzigd.",
        "en": "These answers are in the file but belong to no item of this tool; they are not "
        "scored and are shown here unchanged.",
    },
    "reflect.report.invalid": {"nl": "Ongeldige antwoorden", "en": "Invalid answers"},
    "reflect.report.invalid_note": {
        "nl": "Deze waarden zijn geen geldig antwoord op hun vraag; ze tellen als niet beantwoord.",
        "en": "These values are not a valid answer to their item; they count as not answered.",
    },
    "reflect.report.col_item": {"nl": "Vraag", "en": "Item"},
    "reflect.report.col_value": {"nl": "Waarde in het bestand", "en": "Value in the file"},
    # -- reflect: printable questionnaire (Markdown)
    "reflect.md.how": {
        "nl": "Kruis per vraag één antwoord aan en schrijf uw antwoord op de open vragen "
        "eronder. Op het scherm werkt de HTML-versie (index.html) handiger: die berekent ook "
        "uw profiel.",
        "en": "Tick one answer per question and write your answer to the open questions below "
        "them. On screen the HTML version (index.html) is handier: it also computes your "
        "profile.",
    },
    # -- reflect: command line
    "reflect.cli.written": {
        "nl": "reflectietool {id} (versie {version}) geschreven naar {path}",
        "en": "reflection tool {id} (version {version}) written to {path}",
    },
    "reflect.cli.tool_not_found": {
        "nl": "geen vragenlijst gevonden voor tool {id!r}; gezocht: {tried}. Geef --dossier "
        "of --tool op",
        "en": "no questionnaire found for tool {id!r}; looked in: {tried}. Give --dossier or "
        "--tool",
    },
    "reflect.cli.bad_tool_file": {
        "nl": "{path} is geen geldige vragenlijst (questionnaire.json): {detail}",
        "en": "{path} is not a valid questionnaire (questionnaire.json): {detail}",
    },
    "reflect.cli.report_written": {
        "nl": "rapport geschreven: {paths}",
        "en": "report written: {paths}",
    },
    "reflect.cli.partial": {
        "nl": "gedeeltelijk rapport: {count} problemen in het antwoordbestand (zie boven)",
        "en": "partial report: {count} problems in the answers file (see above)",
    },
    "reflect.cli.bad_format": {
        "nl": "onbekend formaat {got!r}; kies uit {choices}",
        "en": "unknown format {got!r}; choose from {choices}",
    },
    "reflect.cli.pdf_missing": {
        "nl": "PDF maken vraagt WeasyPrint: pip install 'watwerkt[pdf]'",
        "en": "making a PDF needs WeasyPrint: pip install 'watwerkt[pdf]'",
    },
    # -- reflect: Profile.summary()
    "reflect.summary.principle": {
        "nl": "{id}: {coverage}, {answered}/{items} beantwoord{gap}",
        "en": "{id}: {coverage}, {answered}/{items} answered{gap}",
    },
    "reflect.summary.gap": {"nl": " (verbeterpunt)", "en": " (gap)"},
    "reflect.summary.quickscan": {"nl": "QuickScan: {level}", "en": "QuickScan: {level}"},
    "reflect.summary.no_level": {"nl": "geen niveau", "en": "no level"},
    "reflect.summary.partial": {
        "nl": "onvolledig: {missing} ontbrekend, {invalid} ongeldig, {unknown} onbekend",
        "en": "partial: {missing} missing, {invalid} invalid, {unknown} unknown",
    },
    # (end of reflection messages)
}
