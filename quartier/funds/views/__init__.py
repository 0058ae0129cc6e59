"""Views of the funds app: public pages (public.py), the applicant's pages
(applications.py), the jury and the coordination (jury.py), and the steering's
fund, jury and call management with the CSV export (manage.py)."""
