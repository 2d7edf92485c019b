from django.urls import path

from krokarm.notifications import views

app_name = "notifications"

urlpatterns = [
    path("folj/<slug:name>/<path:key>/", views.follow, name="follow"),
    path("sluta-folja/<slug:name>/<path:key>/", views.unfollow, name="unfollow"),
    path("konto/aviseringar/", views.notification_list, name="list"),
    path("konto/aviseringar/markera-alla-som-lasta/", views.mark_all_read, name="mark-all-read"),
    path("konto/aviseringar/<int:pk>/markera-som-last/", views.mark_read, name="mark-read"),
    path("konto/aviseringar/installningar/", views.settings_page, name="settings"),
    path("samordning/e-post/", views.failed_mail, name="failed-mail"),
    path("samordning/e-post/<int:pk>/skicka-igen/", views.resend_mail, name="resend-mail"),
]
