"""URLs of the funds app, mounted at /<municipality_slug>/funds/ (namespace "funds")."""

from django.urls import path

from quartier.funds.views import applications, assisted, jury, manage, public, receipts

app_name = "funds"

A = "applications/<int:pk>/"

urlpatterns = [
    path("", public.fund_list, name="list"),
    path("funded/", public.funded, name="funded"),
    path("mine/", applications.my_applications, name="my_applications"),
    path("jury/", jury.jury_queue, name="jury"),
    path("new/", manage.fund_edit, name="fund_new"),
    path("calls/<int:pk>/", public.call_detail, name="call"),
    path("calls/<int:pk>/edit/", manage.call_edit, name="call_edit"),
    path("calls/<int:pk>/apply/", applications.apply, name="apply"),
    path("calls/<int:pk>/record/", assisted.record, name="record"),
    path(A, applications.application_detail, name="application"),
    path(A + "edit/", applications.edit, name="edit"),
    path(A + "submit/", applications.submit, name="submit"),
    path(A + "withdraw/", applications.withdraw, name="withdraw"),
    path(A + "report/", applications.report, name="report"),
    path(A + "letter.pdf", applications.letter, name="letter"),
    path(A + "receipts/", receipts.receipts, name="receipts"),
    path(
        A + "receipts/<int:receipt_pk>/remove/",
        receipts.receipt_remove,
        name="receipt_remove",
    ),
    path(
        A + "receipts/<int:receipt_pk>/file",
        receipts.receipt_file,
        name="receipt_file",
    ),
    path(A + "precheck/", jury.precheck, name="precheck"),
    path(A + "conflict/", jury.conflict, name="conflict"),
    path(A + "vote/", jury.vote, name="vote"),
    path(A + "decide/", jury.decide, name="decide"),
    path(A + "early-start/", jury.early_start, name="early_start"),
    path(A + "revoke/", jury.revoke, name="revoke"),
    path(A + "meeting/", jury.meeting, name="meeting"),
    path(A + "payout/", jury.payout, name="payout"),
    path(
        A + "payouts/<int:payout_pk>/release/",
        jury.payout_release,
        name="payout_release",
    ),
    path(
        A + "payouts/<int:payout_pk>/cancel/",
        jury.payout_cancel,
        name="payout_cancel",
    ),
    path(A + "close/", jury.close, name="close"),
    path("<slug:slug>/", public.fund_detail, name="fund"),
    path("<slug:slug>/edit/", manage.fund_edit, name="fund_edit"),
    path("<slug:slug>/jury/", manage.jury_manage, name="jury_manage"),
    path(
        "<slug:slug>/jury/<int:member_pk>/remove/",
        manage.jury_remove,
        name="jury_remove",
    ),
    path("<slug:slug>/calls/new/", manage.call_edit, name="call_new"),
    path("<slug:slug>/applications/", manage.application_list, name="applications"),
    path("<slug:slug>/applications.csv", manage.export_csv, name="csv"),
]
