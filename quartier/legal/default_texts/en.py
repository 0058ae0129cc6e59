"""English translation of the built-in legal page templates (legal/defaults.py), for
readers. The German version is the legally binding one; this text only helps to
understand it. Fields in square brackets must be completed before publication."""

NOTE = (
    "<p><strong>Note: This is a template, not legal advice.</strong> "
    "All details in square brackets must be completed and legally checked before "
    "publication. The German version is legally binding; this translation is for "
    "information only.</p>"
)

IMPRINT = """
<h2>Information pursuant to § 5 of the German Digital Services Act
(Digitale-Dienste-Gesetz, DDG)</h2>
<p>[Name of the municipality]<br>[Address: street, house number, postcode, town]</p>
<p>The municipality is a public-law corporation (Körperschaft des öffentlichen Rechts).
It is represented by [Mayor or other person authorised to represent the municipality].</p>
<h3>Contact</h3>
<p>Phone: [Phone number]<br>E-mail: [E-mail address]</p>
<h3>VAT identification number</h3>
<p>[VAT ID number, if any – otherwise delete this section]</p>
<h3>Supervisory authority</h3>
<p>[Competent legal supervisory authority, e.g. the district office (Landratsamt) or
the regional council (Regierungspräsidium)]</p>
<h3>Responsible for the content</h3>
<p>[Name and address of the responsible body or person]</p>
<h3>Technical operation</h3>
<p>[Name and address of the operator of the platform]</p>
"""

PRIVACY = """
<h2>Controller</h2>
<p>[Name of the municipality], [Address], E-mail: [E-mail address], Phone: [Phone number]</p>
<h2>Data protection officer</h2>
<p>[Data protection officer: name or position, address, e-mail address]</p>
<h2>Purposes and legal bases</h2>
<p>We process personal data only as far as each function needs it. Unless stated
otherwise below, the legal basis is the performance of a task in the public interest
(Art. 6 (1) (e) GDPR (DSGVO) in conjunction with [State data protection act, section])
or your consent (Art. 6 (1) (a) GDPR), which you can withdraw at any time with effect
for the future.</p>
<p>Which data each module processes, for what purpose and on what legal basis, who
receives them, what of it is public and how long they are stored is set out below in
the section “The processing of personal data, module by module”. That section is
generated from the platform's record of processing activities and gives the retention
periods currently in force.</p>
<h2>Recipients</h2>
<p>[Technical operator as processor under Art. 28 GDPR]. The recipients of each
processing are listed below with the individual processing operations. Data are [not]
transferred to countries outside the EU.</p>
<h2>Retention period</h2>
<p>The retention periods for each kind of data are listed below with the individual
processing operations. After that, the data are deleted or anonymised.</p>
<h2>Your rights</h2>
<p>You have the right of access (Art. 15 GDPR), rectification (Art. 16), erasure
(Art. 17), restriction of processing (Art. 18), data portability (Art. 20) and the
right to object (Art. 21). You can withdraw your consent at any time. You can view and
download your data in your account under “My data”.</p>
<h2>Complaint to the supervisory authority</h2>
<p>You can lodge a complaint with the state commissioner for data protection
(Landesbeauftragte für den Datenschutz): [Name and address of the state commissioner
for data protection and freedom of information of your federal state].</p>
<p>Last updated: [Date]</p>
"""

# The introduction only: the rest of the statement follows from the municipality's
# details in legal/accessibility.html.
ACCESSIBILITY = """
<p>[Name of the municipality] endeavours to make this platform accessible in
accordance with [§ 10 of the Baden-Württemberg State Disability Equality Act (L-BGG) or
the disability equality act (Behindertengleichstellungsgesetz) of your federal state]
and the Barrier-Free Information Technology Ordinance
(Barrierefreie-Informationstechnik-Verordnung, BITV 2.0). This statement applies to
[Web address of the platform].</p>
"""
