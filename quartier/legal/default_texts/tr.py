"""Turkish translation of the built-in legal page templates (legal/defaults.py), for
readers. The German version is the legally binding one; this text only helps to
understand it. Fields in square brackets must be completed before publication."""

NOTE = (
    "<p><strong>Not: Bu bir şablondur, hukuki danışmanlık değildir.</strong> "
    "Köşeli parantez içindeki tüm bilgiler yayımlanmadan önce tamamlanmalı ve hukuki "
    "açıdan kontrol edilmelidir. Hukuken bağlayıcı olan Almanca metindir; bu çeviri "
    "yalnızca bilgilendirme amaçlıdır.</p>"
)

IMPRINT = """
<h2>Almanya Dijital Hizmetler Yasası (Digitale-Dienste-Gesetz, DDG) § 5 uyarınca
bilgiler</h2>
<p>[Belediyenin adı]<br>[Adres: sokak, kapı numarası, posta kodu, yer]</p>
<p>Belediye bir kamu hukuku tüzel kişisidir (Körperschaft des öffentlichen Rechts).
Belediyeyi [belediye başkanı veya temsile yetkili diğer kişi] temsil eder.</p>
<h3>İletişim</h3>
<p>Telefon: [Telefon numarası]<br>E-posta: [E-posta adresi]</p>
<h3>KDV kimlik numarası</h3>
<p>[Varsa KDV kimlik numarası – yoksa bu bölümü silin]</p>
<h3>Denetim makamı</h3>
<p>[Yetkili hukuki denetim makamı, ör. ilçe idaresi (Landratsamt) veya bölge idaresi
(Regierungspräsidium)]</p>
<h3>İçerikten sorumlu</h3>
<p>[Sorumlu kurumun veya kişinin adı ve adresi]</p>
<h3>Teknik işletim</h3>
<p>[Platformu işleten kuruluşun adı ve adresi]</p>
"""

PRIVACY = """
<h2>Veri sorumlusu</h2>
<p>[Belediyenin adı], [Adres], E-posta: [E-posta adresi], Telefon: [Telefon numarası]</p>
<h2>Veri koruma görevlisi</h2>
<p>[Veri koruma görevlisi: adı veya görevi, adresi, e-posta adresi]</p>
<h2>Amaçlar ve hukuki dayanaklar</h2>
<p>Kişisel verileri yalnızca ilgili işlev için gerekli olduğu ölçüde işliyoruz. Aşağıda
aksi belirtilmedikçe hukuki dayanak, kamu yararına yürütülen bir görevin yerine
getirilmesidir (GDPR (DSGVO) md. 6/1-e, [eyalet veri koruma yasası, madde] ile
bağlantılı olarak) ya da istediğiniz zaman ileriye dönük olarak geri alabileceğiniz
açık rızanızdır (GDPR md. 6/1-a).</p>
<p>Her modülün hangi verileri hangi amaçla ve hangi hukuki dayanakla işlediği, bu
verileri kimlerin aldığı, bunlardan nelerin herkese açık olduğu ve ne kadar süre
saklandığı aşağıdaki “Kişisel verilerin işlenmesi, modül modül” bölümünde yer alır.
Bu bölüm, platformun işleme faaliyetleri kaydından oluşturulur ve şu anda geçerli
olan süreleri belirtir.</p>
<h2>Alıcılar</h2>
<p>[GDPR md. 28 uyarınca veri işleyen olarak teknik işletmeci]. Her işlemenin alıcıları
aşağıda ilgili işlemenin altında belirtilmiştir. AB dışındaki ülkelere veri aktarımı
[yapılmamaktadır].</p>
<h2>Saklama süresi</h2>
<p>Her veri türü için geçerli süreler aşağıda ilgili işlemenin altında belirtilmiştir.
Bu sürelerin sonunda veriler silinir veya anonimleştirilir.</p>
<h2>Haklarınız</h2>
<p>Bilgi edinme (GDPR md. 15), düzeltme (md. 16), silme (md. 17), işlemenin
kısıtlanması (md. 18), veri taşınabilirliği (md. 20) ve itiraz (md. 21) haklarına
sahipsiniz. Verdiğiniz açık rızayı istediğiniz zaman geri alabilirsiniz. Verilerinizi
hesabınızda “Verilerim” bölümünde görüntüleyebilir ve indirebilirsiniz.</p>
<h2>Denetim makamına şikâyet</h2>
<p>Eyalet veri koruma komiserine (Landesbeauftragte für den Datenschutz) şikâyette
bulunabilirsiniz: [Eyaletinizin veri koruma ve bilgi edinme özgürlüğü komiserinin adı
ve adresi].</p>
<p>Güncelleme tarihi: [Tarih]</p>
"""

# The introduction only: the rest of the statement follows from the municipality's
# details in legal/accessibility.html.
ACCESSIBILITY = """
<p>[Belediyenin adı], bu platformu [Baden-Württemberg Eyalet Engelli Eşitliği Yasası
(L-BGG) § 10 veya eyaletinizin engelli eşitliği yasası (Behindertengleichstellungsgesetz)]
ve Engelsiz Bilgi Teknolojisi Yönetmeliği (Barrierefreie-Informationstechnik-Verordnung,
BITV 2.0) uyarınca erişilebilir kılmaya çalışmaktadır. Bu beyan [Platformun internet
adresi] için geçerlidir.</p>
"""
