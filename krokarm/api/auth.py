"""Authentication for the API's write operations: `Authorization: Bearer krk_…`, a personal API token.

Reads stay open to everyone. Writes never look at the session cookie: a browser sends cookies to any site's
requests, so a cookie alone must not be able to change data (no CSRF through the API). A key is only ever
sent on purpose, in the header.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from krokarm.api import actions, permissions
from krokarm.api.models import ApiToken


class TokenAuth(HttpBearer):
    openapi_description = (
        "En personlig API-nyckel (krk_…) som du skapar på /konto/api-nycklar/. Skicka den i huvudet "
        "Authorization: Bearer <nyckel>. Nyckeln har samma behörighet som du: du kan ändra de aktörer "
        "där du är redaktör eller organisationsadministratör."
    )
    openapi_bearerFormat = "krk_…"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = permissions.token_for_key(token)
        if found is None:
            return None
        actions.note_use(found)
        request.user = found.user
        return found


token_auth = TokenAuth()
