"""Reference libraries: BibTeX and RIS import, normalisation, de-duplication, APA 7, export.

Reading never raises for bad content: :func:`read_library` returns a
:class:`LibraryReading` with every record it could read and a located
problem for everything else.
"""

from watwerkt.library.apa import ApaEntry, ReferenceList, format_reference, reference_list
from watwerkt.library.dedupe import DuplicateGroup, RecordId, find_duplicates
from watwerkt.library.export import to_bibtex, to_csl_json
from watwerkt.library.normalise import normalise_doi, normalise_url
from watwerkt.library.reading import LibraryReading, read_library

__all__ = [
    "ApaEntry",
    "DuplicateGroup",
    "LibraryReading",
    "RecordId",
    "ReferenceList",
    "find_duplicates",
    "format_reference",
    "normalise_doi",
    "normalise_url",
    "read_library",
    "reference_list",
    "to_bibtex",
    "to_csl_json",
]
