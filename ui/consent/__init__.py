"""The consent step: the form, the signature pad, issued consents."""
