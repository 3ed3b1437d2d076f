"""Infocentar: the information system of a Montenegrin municipality's Information Center."""
