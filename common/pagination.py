"""The API's pagination: a malformed page number is answered 400 with a message.

DRF answers 404 ("Invalid page.") to `?page=²` as to a page past the last; a
page that is not a number is the client's mistake, and says so.
"""

from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from .params import query_int


class PageNumberPagination(pagination.PageNumberPagination):
    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param, "")
        if raw == "" or raw in self.last_page_strings:
            return super().get_page_number(request, paginator)
        number = query_int(request.query_params, self.page_query_param, low=1)
        if number is None:
            raise ValidationError(
                {self.page_query_param: [_("Give a page number from 1 on.")]}
            )
        return number
