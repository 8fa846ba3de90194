"""What only an administrator may do, checked by the core's services themselves so that the GUI, the
CLI and any later face obey the same rules (a face may hide a button, but the service decides)."""

from __future__ import annotations

from coopdesk.core.actor import ROLE_ADMIN, Actor
from coopdesk.core.errors import CoopdeskError


class PermissionDeniedError(CoopdeskError):
    """The logged-in user's role does not allow the action. Nothing was changed."""

    def __init__(self, sv: str, en: str, action: str) -> None:
        super().__init__(sv, en)
        self.action = action


def require_admin(actor: Actor, action_sv: str, action_en: str) -> None:
    """Refuse unless ``actor`` is an administrator; ``action_sv`` completes "Bara en administratör kan …"."""
    if actor.role != ROLE_ADMIN:
        raise PermissionDeniedError(
            f"Bara en administratör kan {action_sv}. Du är inloggad som {actor.name} ({actor.role}).",
            f"Only an administrator can {action_en}. You are logged in as {actor.name} ({actor.role}).",
            action_en,
        )
