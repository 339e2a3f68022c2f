"""watwerkt.dossierfile."""
