# haven user interface, Indonesian (id).
# REVIEW: machine-quality translation written by the development team; needs review by a native-speaking caseworker before production use.

app-name = haven
app-tagline = Pendampingan kasus bagi orang yang diperdagangkan ke kompleks penipuan daring
skip-to-content = Langsung ke konten
quick-exit = Keluar cepat
nav-persons = Daftar orang
nav-new-person = Tambah orang
nav-logout = Keluar
nav-signed-in-as = Masuk sebagai { $username }
nav-language = Bahasa
nav-language-apply = Ganti
nav-api-docs = API

login-title = Masuk
login-username = Nama pengguna
login-password = Kata sandi
login-submit = Masuk
login-failed = Nama pengguna atau kata sandi tidak benar.
login-locked = Terlalu banyak percobaan. Akun ini dijeda selama beberapa menit.
login-rate-limited = Terlalu banyak percobaan dari perangkat ini. Tunggu satu menit, lalu coba lagi.

password-title = Pilih kata sandi baru
password-explain = Kata sandi Anda dibuat oleh orang lain. Pilih kata sandi Anda sendiri sebelum melanjutkan.
password-new = Kata sandi baru (minimal 12 karakter)
password-confirm = Ulangi kata sandi baru
password-submit = Simpan kata sandi
password-mismatch = Kedua kata sandi tidak sama.

persons-title = Daftar orang
persons-search-label = Cari berdasarkan nama
persons-search-submit = Cari
persons-search-hint = Ketik nama dalam aksara apa pun, atau dalam huruf Latin: "Nguyen" juga menemukan "Nguyễn".
persons-empty = Belum ada orang yang ditambahkan.
persons-no-match = Tidak ada yang cocok dengan pencarian ini.
persons-col-name = Nama
persons-col-location = Lokasi sekarang
persons-col-added = Ditambahkan
persons-next = Halaman berikutnya
persons-prev = Halaman sebelumnya

person-new-title = Tambah orang
person-full-name = Nama lengkap, seperti yang ditulis oleh orang itu sendiri
person-full-name-hint = Satu kolom untuk seluruh nama, dalam aksara apa pun dan sesuai urutan yang dipakai orang itu.
person-other-names = Nama lain atau alias, satu per baris
person-latin-name = Nama dalam huruf Latin
person-sex = Jenis kelamin, seperti yang dijelaskan oleh orang itu sendiri
person-dob = Tanggal lahir (YYYY-MM-DD)
person-estimated-age = Atau: perkiraan usia dalam tahun
person-age-uncertain = Usia belum pasti
person-nationalities = Kewarganegaraan: kode negara seperti MMR, VNM, dipisahkan dengan koma
person-languages = Bahasa: kode seperti my, vi, th, dipisahkan dengan koma
person-contact = Kontak
person-location = Lokasi orang itu sekarang
person-notes = Catatan
person-save = Simpan
person-optional = opsional
person-prefer-not = Semua kolom kecuali nama boleh dikosongkan, misalnya jika orang itu memilih untuk tidak menyebutkannya.

location-shelter = Rumah perlindungan
location-community = Di tengah masyarakat
location-immigration_detention = Rumah detensi imigrasi
location-police_custody = Dalam tahanan polisi
location-hospital = Rumah sakit
location-in_compound = Masih di dalam kompleks
location-unknown = Tidak diketahui

person-title = Data orang
person-may-be-child = Orang ini mungkin masih anak-anak. Ikuti prosedur untuk anak sampai penilaian usia menyatakan lain.
person-detained = Orang ini sedang ditahan.
person-cases = Kasus
person-no-cases = Belum ada kasus.
person-open-case = Buka kasus
person-erase = Hapus data orang ini
person-erase-explain = Penghapusan memusnahkan kunci data ini. Tindakan ini tidak dapat dibatalkan, bahkan dari cadangan.
person-erase-confirm = Saya mengerti bahwa ini tidak dapat dibatalkan
person-erased = Data ini telah dihapus.
person-age = { $years } tahun
person-age-estimated = sekitar { $years } tahun
person-age-estimated-uncertain = sekitar { $years } tahun (belum pasti)
person-not-recorded = tidak dicatat
person-created = Ditambahkan

case-title = Kasus
case-status = Status
case-opened = Dibuka
case-closed = Ditutup
case-assigned = Ditangani oleh
case-unassigned = Belum ada
case-person = Orang
case-notes = Catatan
case-no-notes = Belum ada catatan.
case-add-note = Tambah catatan
case-note-save = Simpan catatan
case-note-erased = (dihapus bersama data orang ini)
case-status-change = Ubah status
case-status-save = Simpan status
status-open = Terbuka
status-active = Aktif
status-suspended = Ditangguhkan
status-closed = Ditutup

field-full_name = Nama lengkap
field-other_names = Nama lain
field-latin_name = Nama dalam huruf Latin
field-sex = Jenis kelamin
field-date_of_birth = Tanggal lahir
field-estimated_age = Perkiraan usia
field-nationalities = Kewarganegaraan
field-languages = Bahasa
field-contact = Kontak
field-location = Lokasi sekarang
field-notes = Catatan
field-body = Catatan
field-status = Status
field-closed_on = Tanggal penutupan
field-password = Kata sandi
field-username = Nama pengguna

validation-required = Kolom ini wajib diisi.
validation-too_long = Isian ini terlalu panjang.
validation-too_many = Terlalu banyak entri.
validation-invalid_characters = Isian ini berisi karakter yang tidak dapat disimpan.
validation-invalid_date = Tulis tanggal sebagai YYYY-MM-DD.
validation-implausible_date = Tanggal ini tidak mungkin.
validation-implausible_age = Usia harus antara 0 dan 120.
validation-invalid_country = Gunakan kode negara tiga huruf seperti MMR atau VNM.
validation-invalid_language = Gunakan kode bahasa seperti my, vi, atau zh-Hans.
validation-invalid_location = Pilih tempat dari daftar.
validation-invalid_status = Pilih status dari daftar.
validation-before_opening = Kasus tidak dapat ditutup sebelum tanggal dibuka.
validation-too_short = Gunakan minimal 12 karakter.
validation-generic = Mohon periksa kolom ini.

error-title = Terjadi kesalahan
error-not-found = Halaman ini tidak ada, atau Anda tidak berhak melihatnya.
error-forbidden = Anda tidak memiliki akses ke halaman ini.
error-invalid = Mohon periksa formulir.
error-csrf = Formulir ini sudah kedaluwarsa. Kembali, muat ulang halaman, lalu coba lagi.
error-erased = Data ini telah dihapus.
error-server = Server tidak dapat menyelesaikan ini. Tidak ada yang disimpan.
back = Kembali

# --- Identity, access and the firewall --- (REVIEW: machine-quality, needs native review)
nav-review = Tinjauan akses
nav-audit = Log audit
nav-admin = Administrasi
nav-inbox = Kotak masuk

mfa-title = Langkah kedua untuk masuk
mfa-explain = Masukkan kode 6 digit dari aplikasi autentikator Anda.
mfa-enrol-explain = Peran Anda masuk dengan langkah kedua. Tambahkan kunci ini ke aplikasi autentikator di ponsel Anda, lalu masukkan kode yang ditampilkannya.
mfa-secret = Kunci untuk aplikasi autentikator
mfa-open-app = Buka di aplikasi autentikator pada perangkat ini
mfa-code = Kode 6 digit
mfa-submit = Lanjutkan
mfa-wrong = Kode itu tidak berhasil. Periksa jam di ponsel Anda, lalu coba kode berikutnya.

review-title = Tinjauan akses
review-explain = Akses darurat dan pengungkapan tanpa persetujuan menunggu di sini sampai seorang supervisor memeriksanya.
review-empty = Tidak ada yang menunggu tinjauan.
review-col-kind = Jenis
review-col-user = Siapa
review-col-reason = Alasan yang diberikan
review-col-when = Kapan
review-open-record = Buka data
review-mark = Tandai sudah ditinjau
review-kind-break_glass = Akses darurat
review-kind-consent_override = Pengungkapan tanpa persetujuan

audit-title = Log audit
audit-explain = Siapa melakukan apa, kapan, dan mengapa. Log ini hanya menyimpan ID, tidak pernah nama atau isi kasus.
audit-filter-actor = ID pengguna
audit-filter-record = ID data
audit-filter-action = Tindakan
audit-filter-apply = Saring
audit-empty = Tidak ada peristiwa yang cocok.
audit-col-when = Kapan
audit-col-who = Siapa
audit-col-what = Apa
audit-col-record = Data
audit-col-why = Alasan
audit-col-outcome = Hasil

inbox-title = Kotak masuk
inbox-explain = Di sini hanya muncul dokumen yang telah disetujui oleh orang yang bersangkutan untuk dikirim ke organisasi Anda. Organisasi Anda tidak dapat melihat data kasus.
inbox-empty = Belum ada dokumen yang dikirim ke organisasi Anda.

admin-title = Administrasi
admin-one-time-password = Kata sandi sekali pakai (hanya ditampilkan sekarang):
admin-orgs = Organisasi
admin-org-name = Nama
admin-org-kind = Jenis
admin-org-country = Negara (kode ISO, mis. THA)
admin-org-see-all = Pendamping kasus melihat semua kasus
admin-org-see-all-short = Semua pendamping kasus melihat setiap kasus (hanya nama dan kontak)
admin-save = Simpan
admin-org-new = Organisasi baru
admin-create = Buat
admin-users = Pengguna
admin-user-role = Peran
admin-user-org = Organisasi
admin-user-mfa = Langkah kedua sudah diatur
admin-user-new = Pengguna baru
admin-yes = ya
admin-no = tidak
admin-user-created = Pengguna { $username } telah dibuat.

consent-title = Persetujuan untuk berbagi
consent-none = Belum ada persetujuan yang dicatat. Tidak ada yang boleh dibagikan ke luar organisasi ini.
consent-purpose = Tujuan
consent-recipient = Organisasi penerima
consent-categories = Informasi yang dicakup
consent-expires = Berlaku sampai
consent-status = Status
consent-withdraw = Tarik kembali
consent-record = Catat persetujuan baru
consent-language = Bahasa yang dipakai untuk menjelaskan persetujuan (kode, mis. my)
consent-interpreter = Juru bahasa, jika ada yang membantu
consent-explain-hint = Catat persetujuan hanya setelah menjelaskan, dalam bahasa orang itu, apa yang akan dibagikan, kepada siapa dan mengapa, serta bahwa ia boleh menolak atau menarik kembali persetujuannya kapan saja.
consent-save = Simpan persetujuan
consent-withdrawn = Ditarik kembali
consent-in-force = Berlaku
consent-expired = Kedaluwarsa
consent-purpose-referral = Rujukan ke layanan
consent-purpose-cross_border_transfer = Pemindahan ke negara lain
consent-purpose-consular_contact = Kontak dengan konsulat
consent-purpose-prosecution_disclosure = Pengungkapan kepada jaksa
consent-purpose-tracing = Penelusuran keluarga
consent-purpose-research = Penelitian dan statistik

category-identity = Identitas
category-contact_location = Kontak dan lokasi
category-narrative = Penuturan peristiwa
category-health = Kesehatan
category-immigration_status = Status keimigrasian
category-forced_acts = Tindakan yang orang itu dipaksa untuk lakukan

access-log-title = Siapa yang mengakses data ini dan mengapa

break-glass-title = Akses darurat
break-glass-explain = Jika seseorang dalam bahaya dan Anda membutuhkan data ini sekarang, Anda dapat membukanya selama satu jam. Alasan Anda dicatat dan seorang supervisor akan meninjaunya.
break-glass-reason = Mengapa Anda membutuhkan akses sekarang
break-glass-submit = Buka selama satu jam

person-withheld = Tidak ditampilkan untuk Anda:
person-withheld-field = tidak ditampilkan untuk Anda

role-caseworker = Pendamping kasus
role-supervisor = Supervisor
role-decision_maker = Pengambil keputusan
role-org_admin = Administrator organisasi
role-system_admin = Administrator sistem
role-auditor = Auditor

org-kind-ngo_assistance = LSM (pendampingan)
org-kind-shelter = Rumah perlindungan
org-kind-health = Layanan kesehatan
org-kind-legal_aid = Bantuan hukum
org-kind-labour_inspection = Pengawasan ketenagakerjaan
org-kind-nrm_coordinator = Koordinator rujukan nasional
org-kind-consular = Konsulat
org-kind-police = Kepolisian
org-kind-prosecution = Kejaksaan
org-kind-immigration = Imigrasi
org-kind-border = Otoritas perbatasan

field-reason = Alasan
field-expires_on = Berlaku sampai
field-categories = Informasi yang dicakup
field-recipient = Penerima
field-purpose = Tujuan
field-kind = Jenis
field-role = Peran
field-interpreter = Juru bahasa

validation-invalid_category = Pilih dari jenis informasi yang tercantum.
validation-in_the_past = Tanggal ini sudah lewat.
validation-invalid_consent_purpose = Pilih tujuan dari daftar.
validation-unknown_org = Pilih organisasi dari daftar.
validation-invalid_org_kind = Pilih jenis dari daftar.
validation-invalid_role = Pilih peran dari daftar.
validation-invalid_username = Gunakan huruf, angka, titik, tanda hubung, atau garis bawah.

# --- Identification interview --- (REVIEW: machine-quality, needs native review)
screening-title = Penyaringan
screening-section = Daftar penyaringan
screening-none = Belum ada penyaringan.
screening-start = Mulai penyaringan
screening-instrument = Kuesioner
screening-survivor-language = Bahasa yang dipakai dalam wawancara
screening-interpreter = Juru bahasa, jika ada yang membantu
screening-begin = Mulai
screening-progress = Pertanyaan { $n } dari { $total }
screening-answer = Jawaban
screening-yes = Ya
screening-no = Tidak
screening-prefer-not = Memilih tidak menjawab
screening-dont-know = Tidak tahu
screening-skip-hint = Tidak ada pertanyaan yang wajib dijawab. Biarkan kosong untuk kembali ke pertanyaan itu nanti.
screening-save-next = Simpan dan lanjutkan
screening-back = Pertanyaan sebelumnya
screening-pause = Jeda dan lanjutkan nanti
screening-overview = Jawaban sejauh ini
screening-answered = { $n } sudah dijawab
screening-continue = Lanjutkan wawancara
screening-complete = Selesaikan dan lihat hasilnya
screening-completed = Selesai
screening-in-progress = Sedang berlangsung
screening-started = Dimulai
screening-result = Hasil
screening-explanation = Alasan
screening-element-met = ada indikasi
screening-element-not-met = belum ada indikasi
screening-needs = Rujukan yang perlu ditawarkan sekarang
screening-instrument-version = Versi kuesioner
screening-revisit = Pertanyaan untuk ditanyakan lagi saat orang itu sudah siap
outcome-reasonable_grounds = Terdapat dasar yang wajar: orang ini dianggap telah diperdagangkan. Perlindungan dan prinsip non-penghukuman berlaku mulai sekarang.
outcome-vulnerable_migrant = Migran dalam situasi rentan. Dasar yang wajar bahwa orang ini diperdagangkan belum ditetapkan, dan tidak ada hal di sini yang menyingkirkan kemungkinan itu. Rujuk ke layanan di bawah ini sekarang, dan tawarkan percakapan lain di lain waktu.
vulnerabilities-heading = Kerentanan
vulnerability-irregular_status = status keimigrasian tidak teratur atau dokumen hilang
vulnerability-stranded = terlantar
vulnerability-destitute = serba kekurangan: tidak punya tempat tinggal yang aman atau uang untuk makan
vulnerability-injured = terluka atau sakit
vulnerability-witness_to_abuse = menyaksikan kekerasan terhadap orang lain
vulnerability-debt_bondage_risk = utang yang dipakai seseorang untuk menekan mereka
vulnerability-fear_of_return = takut pulang
outcome-not_yet_determined = Belum ditentukan. Orang itu mungkin belum siap untuk bercerita lebih banyak. Tawarkan masa pemulihan dan refleksi, serta percakapan lain di lain waktu.
element-act = Perekrutan, pengangkutan, atau penampungan (proses)
element-means = Penipuan, paksaan, atau pengendalian (cara)
element-purpose = Eksploitasi, termasuk dipaksa melakukan pekerjaan kriminal (tujuan)
element-deceptive_recruitment = Perekrutan dengan penipuan
element-coercive_recruitment = Perekrutan dengan paksaan
element-recruitment_abuse_of_vulnerability = Perekrutan dengan memanfaatkan kerentanan
element-exploitative_conditions = Kondisi kerja yang eksploitatif
element-coercion_at_destination = Paksaan di tempat tujuan
element-abuse_of_vulnerability_at_destination = Pemanfaatan kerentanan di tempat tujuan
need-legal_aid = Bantuan hukum
need-medical = Perawatan medis
need-psychological = Dukungan psikologis
need-shelter = Rumah perlindungan yang aman
need-return_risk_assessment = Penilaian risiko sebelum pemulangan apa pun
need-consular = Bantuan konsuler (dokumen perjalanan)
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = Situs lowongan kerja
option-friend_or_relative = Teman atau kerabat
option-other = Lainnya
option-beatings = Pemukulan
option-electric_shocks = Sengatan listrik
option-solitary_confinement = Dikurung sendirian
option-sexual_violence = Kekerasan seksual
option-threats = Ancaman
option-witnessed_violence = Melihat kekerasan terhadap orang lain
option-none_of_these = Tidak ada satu pun dari ini
option-MMR = Myanmar
option-KHM = Kamboja
option-LAO = Laos
option-PHL = Filipina
option-THA = Thailand
option-dont_know = Tidak tahu

# --- Non-punishment and jurisdiction --- (REVIEW: machine-quality, needs native review)
np-applies = Prinsip non-penghukuman berlaku mulai sekarang: orang ini tidak boleh dituntut, dihukum, atau ditahan atas tindakan yang ia dipaksa lakukan, termasuk pelanggaran keimigrasian.
np-urgent-release = Mendesak: orang ini sedang ditahan. Langkah pertama adalah meminta pembebasannya.
jur-title = Hukum yang berlaku
jur-fc-recognised = Hukum nasional mengakui pemaksaan untuk melakukan kejahatan sebagai eksploitasi.
jur-fc-not-recognised = Hukum nasional tidak mencantumkan pemaksaan untuk melakukan kejahatan sebagai eksploitasi. Gunakan ketentuan di bawah ini sebagai gantinya.
jur-alternatives = Ketentuan yang dapat digunakan
jur-np-scope = Non-penghukuman dalam hukum nasional
jur-deadlines = Target penetapan adanya dasar yang wajar: { $days } hari kerja. Masa pemulihan dan refleksi: { $reflection } hari.
jur-decides = Siapa yang mengambil keputusan akhir

# --- Corroboration --- (REVIEW: machine-quality, needs native review)
screening-corroborated = Diperkuat oleh { $count } kasus lain yang menyebut kompleks, perekrut, atau iklan yang sama.

# --- Conclusive decision --- (REVIEW: machine-quality, needs native review)
decision-title = Keputusan akhir
decision-none = Belum ada keputusan akhir. Keputusan ini diambil oleh pengambil keputusan yang berwenang, dengan alasan tertulis, setelah masa pemulihan dan refleksi.
decision-record = Catat keputusan akhir
decision-hint = Masa pemulihan dan refleksi adalah { $days } hari sejak penyaringan selesai. Keputusan sebelum itu tidak dapat diterima.
decision-conclusion = Keputusan
decision-confirmed = Diidentifikasi sebagai korban perdagangan orang
decision-not-confirmed = Belum dapat dipastikan berdasarkan informasi yang diketahui saat ini (dapat ditinjau kembali; rujukan tetap berjalan)
decision-reasons = Alasan tertulis
decision-sign = Tandatangani keputusan
validation-reasons_required = Tulis alasan keputusan (minimal 20 karakter).
validation-invalid_conclusion = Pilih salah satu dari dua keputusan.

# --- Task list --- (REVIEW: machine-quality, needs native review)
nav-tasks = Tugas
tasks-title = Tugas
tasks-none = Tidak ada yang perlu dikerjakan saat ini.
tasks-child = anak
tasks-overdue = terlambat
task-request_release = Mendesak: minta pembebasan dari penahanan
task-child_in_detention = Mendesak: ada anak yang sedang ditahan
task-reasonable_grounds_due = Batas waktu penetapan adanya dasar yang wajar
task-recovery_period_ends = Masa pemulihan dan refleksi berakhir
task-rescreen = Tawarkan penyaringan lagi

# --- Past penalties (expungement) --- (REVIEW: machine-quality, needs native review)
penalty-title = Hukuman masa lalu yang perlu dihapus
penalty-none = Tidak ada catatan putusan pidana, denda, atau perintah deportasi di masa lalu.
penalty-due = minta penghapusan catatan
penalty-expungement = Penghapusan catatan
penalty-expungement-update = Perbarui
penalty-record = Catat hukuman masa lalu
penalty-kind = Jenis hukuman
penalty-country = Negara yang menjatuhkannya (kode, mis. THA)
penalty-date = Tanggal, jika diketahui
penalty-offence = Atas tindakan apa
penalty-consequence = Tindakan tersebut merupakan akibat dari diperdagangkan
penalty-kind-conviction = Putusan pidana
penalty-kind-fine = Denda
penalty-kind-deportation_order = Perintah deportasi
penalty-kind-entry_ban = Larangan masuk
expungement-not_requested = penghapusan catatan belum diminta
expungement-requested = penghapusan catatan sudah diminta
expungement-granted = catatan sudah dihapus
expungement-refused = penghapusan catatan ditolak

# --- Non-punishment notice --- (REVIEW: machine-quality, needs legal and native review)
notice-title = Pemberitahuan: terduga korban perdagangan orang tidak boleh dihukum
notice-to = Kepada kepolisian, imigrasi, kejaksaan, otoritas perbatasan, dan setiap pengadilan:
notice-finding = Pada { $date } organisasi ini menetapkan bahwa terdapat dasar yang wajar untuk meyakini bahwa orang yang namanya tercantum di bawah ini adalah korban tindak pidana perdagangan orang, termasuk perdagangan orang untuk dipaksa melakukan tindak pidana.
notice-issued-by = Diterbitkan oleh
notice-principle = Berdasarkan prinsip non-penghukuman, orang ini tidak boleh ditahan, didakwa, dituntut, atau dihukum atas perbuatan yang terpaksa ia lakukan sebagai akibat dari menjadi korban perdagangan orang. Hal ini berlaku khususnya terhadap:
notice-scope-immigration = pelanggaran keimigrasian: masuk atau keluar wilayah secara tidak sah, tinggal melebihi izin tinggal (overstay), bekerja tanpa izin, diselundupkan, tidak memiliki dokumen;
notice-scope-status = pelanggaran yang berkaitan dengan statusnya, serta pelanggaran administratif dan perdata;
notice-scope-crimes = tindak pidana yang dilakukan sebagai akibat dari menjadi korban perdagangan orang, termasuk penipuan daring, penipuan berkedok asmara dan investasi, pencucian uang, serta dakwaan permufakatan jahat yang terkait.
notice-not-exhaustive = Daftar ini tidak bersifat limitatif. Prinsip ini berlaku sejak ditetapkannya dasar yang wajar, sebelum adanya keputusan akhir apa pun.
notice-release = Orang ini sedang ditahan. Kami meminta agar ia segera dibebaskan dan ditempatkan dalam perawatan yang aman dan layak.
notice-law = Hukum nasional:
notice-reference = Nomor referensi
notice-open = Pemberitahuan non-penghukuman (dapat dicetak)
notice-pdf = Unduh pemberitahuan sebagai PDF (dalam bahasa orang itu dan bahasa otoritas)
notice-authority-language = Bahasa otoritas

# --- Sending the notice --- (REVIEW: machine-quality, needs native review)
notice-send-to = Kirim pemberitahuan ke
notice-send = Kirim
notice-send-hint = Pengiriman memerlukan persetujuan tercatat dari orang tersebut untuk tujuan ini dan otoritas ini. Otoritas hanya menerima pemberitahuan, tidak pernah catatan kasus.
consent-purpose-non_punishment_notice = Mengirim pemberitahuan non-penghukuman kepada otoritas
inbox-kind-non_punishment_notice = Pemberitahuan non-penghukuman
