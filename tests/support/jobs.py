"""What a published email job may carry (issue 7: Flower shows ids, never secrets)."""
from __future__ import annotations

import re
import uuid

EMAIL_TASK = "workers.send_email"
TEMPLATE_NAME = re.compile(r"[a-z_]+")


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def assert_ids_only(args) -> None:
    """A send_email message's args are (template, user id, subject id or None), nothing else."""
    assert isinstance(args, (list, tuple)) and len(args) == 3, args
    template, user_id, subject_id = args
    assert isinstance(template, str) and TEMPLATE_NAME.fullmatch(template), args
    assert _is_uuid(user_id), args
    assert subject_id is None or _is_uuid(subject_id), args
