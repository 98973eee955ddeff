"""The first start: the demo or a clinic of one's own, encryption, the first PIN."""
