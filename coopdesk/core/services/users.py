"""User accounts: who may log in, with which role, and the login itself.

Only an administrator manages accounts (the service checks it, whatever the face). An account is
never deleted, because the audit log names it; it is made inactive. There is always at least one
active administrator, or nobody could manage the accounts. Password hashes never reach the audit
log: a password change is logged as the fact of a change.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coopdesk.core import audit, conflicts, passwords
from coopdesk.core.actor import ROLE_ADMIN, ROLES, Actor
from coopdesk.core.errors import NotFoundError, ValidationError
from coopdesk.core.models import AuditEntry, UserAccount
from coopdesk.core.permissions import require_admin

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
# Compared against when the login does not exist, so that a wrong login takes as long as a wrong
# password and the time does not tell which accounts exist. A fixed hash (of a password nobody has, at
# the standard cost) rather than one made at import: making one costs as much as checking one.
_DUMMY_HASH = "scrypt$32768$8$1$P5WbR8nOFj370/qhHWAOrw==$ekSWhknkGXdT9zC3AzUf1cVBiVf8XtPHDF0zKxwnxGw="


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def normal_login(login: str) -> str:
    return login.strip().lower()


def _snapshot(user: UserAccount) -> dict[str, object]:
    return {"login": user.login, "name": user.name, "role": user.role, "active": user.active}


def actor_for(user: UserAccount) -> Actor:
    return Actor(name=user.name, role=user.role, login=user.login)


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(UserAccount)))


def users(session: Session) -> list[UserAccount]:
    return list(session.scalars(select(UserAccount).order_by(UserAccount.active.desc(), UserAccount.name)))


def find(session: Session, login: str) -> UserAccount | None:
    return session.scalar(select(UserAccount).where(UserAccount.login == normal_login(login)))


def _user(session: Session, user_id: int) -> UserAccount:
    user = session.get(UserAccount, user_id)
    if user is None:
        raise NotFoundError(f"Användaren med id {user_id} finns inte.", f"No user with id {user_id}.")
    return user


def _check_login(session: Session, login: str) -> str:
    clean = normal_login(login)
    if not LOGIN_PATTERN.fullmatch(clean):
        raise ValidationError(
            "login",
            login,
            f"Användarnamnet {login!r} går inte att använda: 2–40 tecken, små bokstäver a–z, siffror, punkt, "
            "bindestreck eller understreck (till exempel anna.b).",
            f"The login {login!r} cannot be used: 2–40 characters, lower-case a–z, digits, dot, hyphen or "
            "underscore (e.g. anna.b).",
        )
    if find(session, clean) is not None:
        raise ValidationError(
            "login", login, f"Användarnamnet {clean} finns redan.", f"The login {clean} is already taken."
        )
    return clean


def _check_name(session: Session, name: str, user_id: int | None = None) -> str:
    clean = " ".join(name.split())
    if not clean or len(clean) > 200:
        raise ValidationError(
            "name", name, "Ange personens namn (högst 200 tecken).", "Give the person's name (at most 200 characters)."
        )
    other = session.scalar(select(UserAccount).where(func.lower(UserAccount.name) == clean.lower()))
    if other is not None and other.id != user_id:
        raise ValidationError(
            "name",
            name,
            f"Det finns redan en användare som heter {clean}. Skriv till exempel efternamnets initial.",
            f"There is already a user called {clean}. Add e.g. an initial.",
        )
    return clean


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(
            "role",
            role,
            f"Rollen {role!r} finns inte. Välj handledare eller administratör.",
            f"The role {role!r} does not exist. Choose handledare or administratör.",
        )
    return role


def create_first_admin(session: Session, login: str, name: str, password: str) -> Actor:
    """The first account of a database, created at its first start. Refused once any account exists."""
    if has_users(session):
        raise ValidationError(
            "login",
            login,
            "Databasen har redan användare. En administratör lägger till fler.",
            "The database already has users. An administrator adds more.",
        )
    clean = _check_login(session, login)
    passwords.check_new_password(password, clean)
    user = UserAccount(
        login=clean,
        name=_check_name(session, name),
        role=ROLE_ADMIN,
        password_hash=passwords.hash_password(password),
        active=True,
        must_change_password=False,
        created_at=_now(),
    )
    session.add(user)
    session.flush()
    actor = actor_for(user)
    audit.record(
        session, actor, "create", "user", user.login, summary=f"Första administratören {user.name}", new=_snapshot(user)
    )
    return actor


def add_user(
    session: Session, actor: Actor, login: str, name: str, role: str, password: str, *, must_change: bool = True
) -> UserAccount:
    """A new account; by default its holder must choose an own password at the first login."""
    require_admin(actor, "lägga till användare", "add users")
    clean = _check_login(session, login)
    passwords.check_new_password(password, clean)
    user = UserAccount(
        login=clean,
        name=_check_name(session, name),
        role=_check_role(role),
        password_hash=passwords.hash_password(password),
        active=True,
        must_change_password=must_change,
        created_at=_now(),
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "user",
        user.login,
        summary=f"Ny användare {user.name} ({user.role})",
        new=_snapshot(user),
    )
    return user


def _active_admins(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(UserAccount).where(UserAccount.role == ROLE_ADMIN, UserAccount.active)
        )
        or 0
    )


def update_user(
    session: Session,
    actor: Actor,
    user_id: int,
    *,
    name: str | None = None,
    role: str | None = None,
    active: bool | None = None,
    expected_version: int | None = None,
) -> UserAccount:
    require_admin(actor, "ändra användare", "change users")
    user = _user(session, user_id)
    conflicts.check(session, user, expected_version, "user", user.login, subject=user.name)
    old = _snapshot(user)
    if name is not None:
        user.name = _check_name(session, name, user.id)
    new_role = user.role if role is None else _check_role(role)
    new_active = user.active if active is None else active
    losing_admin = user.role == ROLE_ADMIN and user.active and (new_role != ROLE_ADMIN or not new_active)
    if losing_admin and _active_admins(session) <= 1:
        raise ValidationError(
            "role" if new_role != ROLE_ADMIN else "active",
            user.login,
            f"{user.name} är den enda aktiva administratören. Gör någon annan till administratör först.",
            f"{user.name} is the only active administrator. Make someone else an administrator first.",
        )
    user.role, user.active = new_role, new_active
    if _snapshot(user) != old:
        conflicts.flush(session, "user", user.login, subject=old["name"])
        audit.record(
            session,
            actor,
            "update",
            "user",
            user.login,
            summary=f"Ändrade användaren {user.name}",
            old=old,
            new=_snapshot(user),
        )
    return user


def change_own_password(session: Session, actor: Actor, current: str, new: str) -> UserAccount:
    """The logged-in user's new password; the current one is asked again (someone may use an open PC)."""
    user = find(session, actor.login) if actor.login else None
    if user is None or not user.active:
        raise NotFoundError("Du är inte inloggad med ett konto.", "You are not logged in with an account.")
    if not passwords.verify_password(current, user.password_hash):
        raise ValidationError(
            "current_password", "•", "Det nuvarande lösenordet stämmer inte.", "The current password is wrong."
        )
    if new == current:
        raise ValidationError(
            "password",
            "•",
            "Välj ett nytt lösenord, inte samma som förut.",
            "Choose a new password, not the same as before.",
        )
    passwords.check_new_password(new, user.login)
    user.password_hash = passwords.hash_password(new)
    user.must_change_password = False
    audit.record(session, actor, "password", "user", user.login, summary=f"{user.name} bytte lösenord")
    return user


def reset_password(session: Session, actor: Actor, user_id: int, new: str) -> UserAccount:
    """An administrator sets a new password for someone who forgot theirs; they must change it at login."""
    require_admin(actor, "byta någon annans lösenord", "reset another user's password")
    user = _user(session, user_id)
    passwords.check_new_password(new, user.login)
    user.password_hash = passwords.hash_password(new)
    user.must_change_password = user.login != actor.login
    audit.record(session, actor, "password", "user", user.login, summary=f"Nytt lösenord för {user.name}")
    return user


@dataclass(frozen=True)
class LoginResult:
    actor: Actor | None
    must_change_password: bool = False


def authenticate(
    session: Session, login: str, password: str, *, at: dt.datetime | None = None, password_proven: bool = False
) -> LoginResult:
    """Check a login and log it either way. Returns no actor for a wrong login or password, an unknown
    or an inactive account alike (the message must not tell which), so the caller can commit the log
    entry and then refuse.

    ``password_proven``: the password has just unwrapped this login's copy of the database key (an
    encrypted database), which proves it as strongly as the hash would (the same scrypt cost, and AES-GCM
    refuses any other password): the hash is then not computed a second time (docs/data-safety.md,
    "One key derivation per login"). The account must still exist and be active."""
    when = at or _now()
    user = find(session, login)
    if password_proven and user is not None:
        ok = True
    else:
        ok = passwords.verify_password(password, user.password_hash if user else _DUMMY_HASH)
    if user is None or not ok or not user.active:
        record_failed_login(session, login, when)
        return LoginResult(None)
    # Not a change of the account: written past the ORM so that its version stays (core/conflicts.py),
    # and an administrator's open Användare dialog is not refused because someone logged in meanwhile.
    session.execute(update(UserAccount).where(UserAccount.id == user.id).values(last_login_at=when))
    actor = actor_for(user)
    audit.record(session, actor, "login", "user", user.login, summary=f"{user.name} loggade in", at=when)
    return LoginResult(actor, user.must_change_password)


def recent_failed_logins(session: Session, since: dt.datetime) -> list[dt.datetime]:
    """When logins failed since ``since`` and since the last successful login (any account)."""
    after = AuditEntry.at >= since
    last_ok = session.scalar(select(func.max(AuditEntry.id)).where(AuditEntry.action == "login"))
    if last_ok is not None:  # by id, not time: a failure in the same second as a login is before or after it
        after = after & (AuditEntry.id > last_ok)
    return list(session.scalars(select(AuditEntry.at).where(AuditEntry.action == "login_failed", after)))


def record_failed_login(session: Session, login: str, at: dt.datetime) -> None:
    shown_login = normal_login(login)[:40] or "?"
    audit.record(
        session,
        Actor(name=shown_login, role="", login=shown_login),
        "login_failed",
        "user",
        shown_login,
        summary=f"Misslyckad inloggning som {shown_login!r}",
        at=at,
    )
