"""Reading the files of a dossier with line numbers: dossier.yaml, and problems in them."""
