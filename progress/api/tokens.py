"""API tokens: a person makes one to use the API as themselves, and revokes it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts.selectors import participants_for


@transaction.atomic
def api_token_create(*, user) -> Token:
    """A new token; any earlier one stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def api_token_revoke(*, user) -> bool:
    deleted, _rows = Token.objects.filter(user=user).delete()
    return bool(deleted)


@login_required
def api_token(request):
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if api_token_revoke(user=request.user):
                messages.success(request, _("Your API token is revoked."))
            return redirect("progress:api_token")
        new_key = api_token_create(user=request.user).key
    token = Token.objects.filter(user=request.user).first()
    return render(
        request,
        "progress/api_token.html",
        {
            "token": token,
            "new_key": new_key,
            "participants": participants_for(request.user, contributing=True),
            "editable": participants_for(request.user, editable=True),
            "whole": participants_for(request.user),
        },
    )
