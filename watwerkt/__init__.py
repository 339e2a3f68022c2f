"""watwerkt: evidence synthesis for *Wat werkt bij …* dossiers.

The package pools the evidence of **all** studies in a dossier's scope (never a
hand-picked subset), grades its certainty and turns the working principles into
reflection tools. See ``docs/`` and DESIGN.md for the architecture.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
