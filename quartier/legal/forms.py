from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.legal.models import clean_legal_html


class LegalPageForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 30}),
        help_text=_(
            "HTML with headings, paragraphs, lists and links. Replace every field in "
            "square brackets."
        ),
    )

    def clean_body(self) -> str:
        body = clean_legal_html(self.cleaned_data["body"]).strip()
        if not body:
            raise forms.ValidationError(_("Please enter the text of the page."))
        return body
