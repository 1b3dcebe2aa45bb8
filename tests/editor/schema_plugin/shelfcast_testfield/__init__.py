"""A test plugin that only declares a field (tests/editor/test_editor_config.py)."""


def register() -> None:
    """Nothing to connect: the field comes from declarations.py."""
