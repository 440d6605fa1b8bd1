package corpus

import "strings"

// spelling is one word of a place name in every transliteration the generator
// uses: the first is the name's own, the rest go into aliases. Some differ in
// their name key (Ain, Ayn), some only in doubled letters or accents (Hassan,
// Hasan, Ḥasan), so search sees both kinds.
type spelling struct {
	latin  []string
	arabic string
	// article is the Arabic article as assimilated before the word ("az" in
	// az-Zeitoun); empty for a word that takes none (a personal name).
	article string
}

// prefixes start a place name: Tell …, Ain …, Deir …
var prefixes = []spelling{
	{latin: []string{"Tell", "Tal", "Tel"}, arabic: "تل"},
	{latin: []string{"Ain", "Ayn", "Ein"}, arabic: "عين"},
	{latin: []string{"Deir", "Dayr", "Dair"}, arabic: "دير"},
	{latin: []string{"Kafr", "Kfar", "Kefr"}, arabic: "كفر"},
	{latin: []string{"Umm", "Um", "Omm"}, arabic: "أم"},
	{latin: []string{"Bir", "Beer"}, arabic: "بئر"},
	{latin: []string{"Ras", "Raas"}, arabic: "رأس"},
	{latin: []string{"Khirbet", "Khirbat", "Kherbet"}, arabic: "خربة"},
	{latin: []string{"Beit", "Bayt", "Bait"}, arabic: "بيت"},
	{latin: []string{"Jisr", "Jisser", "Jasr"}, arabic: "جسر"},
	{latin: []string{"Qasr", "Kasr"}, arabic: "قصر"},
	{latin: []string{"Marj", "Merj"}, arabic: "مرج"},
	{latin: []string{"Hammam", "Hamam", "Ḥammām"}, arabic: "حمام"},
	{latin: []string{"Jabal", "Jebel"}, arabic: "جبل"},
	{latin: []string{"Wadi", "Wady"}, arabic: "وادي"},
	{latin: []string{"Mazraat", "Mazraa"}, arabic: "مزرعة"},
	{latin: []string{"Sheikh", "Shaykh", "Cheikh"}, arabic: "الشيخ"},
}

// roots follow the prefix: a personal name, or a noun with the article.
var roots = []spelling{
	{latin: []string{"Hassan", "Hasan", "Ḥasan"}, arabic: "حسن"},
	{latin: []string{"Ali", "Aly"}, arabic: "علي"},
	{latin: []string{"Omar", "Umar", "Omer"}, arabic: "عمر"},
	{latin: []string{"Khalil", "Khaleel"}, arabic: "خليل"},
	{latin: []string{"Ibrahim", "Ebrahim", "Ibrāhīm"}, arabic: "إبراهيم"},
	{latin: []string{"Hussein", "Husayn", "Hussain"}, arabic: "حسين"},
	{latin: []string{"Ismail", "Ismaïl", "Esmail"}, arabic: "إسماعيل"},
	{latin: []string{"Mahmoud", "Mahmud", "Maḥmūd"}, arabic: "محمود"},
	{latin: []string{"Salem", "Salim", "Sālim"}, arabic: "سالم"},
	{latin: []string{"Karim", "Kareem"}, arabic: "كريم"},
	{latin: []string{"Issa", "Isa", "Eissa"}, arabic: "عيسى"},
	{latin: []string{"Musa", "Moussa", "Mousa"}, arabic: "موسى"},
	{latin: []string{"Yusuf", "Youssef", "Yousef"}, arabic: "يوسف"},
	{latin: []string{"Khaled", "Khalid", "Khālid"}, arabic: "خالد"},
	{latin: []string{"Saleh", "Salih", "Ṣāliḥ"}, arabic: "صالح"},
	{latin: []string{"Ahmar", "Ahmer"}, arabic: "الأحمر", article: "al"},
	{latin: []string{"Abyad", "Abiad"}, arabic: "الأبيض", article: "al"},
	{latin: []string{"Hamra", "Hamraa", "Ḥamrā"}, arabic: "الحمراء", article: "al"},
	{latin: []string{"Zeitoun", "Zaytun", "Zeytoun"}, arabic: "الزيتون", article: "az"},
	{latin: []string{"Rumman", "Ruman", "Roummane"}, arabic: "الرمان", article: "ar"},
	{latin: []string{"Sukkar", "Sukar", "Soukkar"}, arabic: "السكر", article: "as"},
	{latin: []string{"Tin", "Teen"}, arabic: "التين", article: "at"},
	{latin: []string{"Nakhl", "Nakhil"}, arabic: "النخل", article: "an"},
	{latin: []string{"Shuhada", "Shohada", "Shuhadā"}, arabic: "الشهداء", article: "ash"},
	{latin: []string{"Ghazal", "Ghazel"}, arabic: "الغزال", article: "al"},
	{latin: []string{"Hajar", "Hadjar"}, arabic: "الحجر", article: "al"},
	{latin: []string{"Jadida", "Jdeideh", "Jdeida"}, arabic: "الجديدة", article: "al"},
	{latin: []string{"Qamh", "Kamh"}, arabic: "القمح", article: "al"},
	{latin: []string{"Milh", "Melh"}, arabic: "الملح", article: "al"},
	{latin: []string{"Sabkha", "Sabkhah", "Sebkha"}, arabic: "السبخة", article: "as"},
	{latin: []string{"Safa", "Safaa", "Ṣafā"}, arabic: "الصفا", article: "as"},
	{latin: []string{"Nour", "Nur", "Noor"}, arabic: "النور", article: "an"},
	{latin: []string{"Salam", "Salaam"}, arabic: "السلام", article: "as"},
	{latin: []string{"Tahoun", "Tahun", "Ṭāḥūn"}, arabic: "الطاحون", article: "at"},
	{latin: []string{"Rawda", "Rawdah", "Roda"}, arabic: "الروضة", article: "ar"},
	{latin: []string{"Zuhur", "Zouhour"}, arabic: "الزهور", article: "az"},
	{latin: []string{"Bustan", "Bostan"}, arabic: "البستان", article: "al"},
}

// qualifiers tell apart places of the same name: Tell Hassan al-Sharqi.
var qualifiers = []spelling{
	{latin: []string{"Sharqi", "Sharki", "Charqi"}, article: "ash"},
	{latin: []string{"Gharbi", "Gharby"}, article: "al"},
	{latin: []string{"Shamali", "Shemali"}, article: "ash"},
	{latin: []string{"Janubi", "Jenoubi"}, article: "al"},
	{latin: []string{"Fawqani", "Foqani"}, article: "al"},
	{latin: []string{"Tahtani", "Tahtany"}, article: "at"},
	{latin: []string{"Kabir", "Kebir", "Kbir"}, article: "al"},
	{latin: []string{"Saghir", "Sghir", "Seghir"}, article: "as"},
}

// placeName is a generated name: indices into prefixes, roots and qualifiers
// (-1 for none).
type placeName struct{ prefix, root, qualifier int }

// words spells the name with variant v of each word (clamped to the last),
// the article as given, and sep between the article and its word.
func (n placeName) words(v int, article func(spelling) string, sep string) string {
	word := func(s spelling) string {
		w := s.latin[min(v, len(s.latin)-1)]
		if a := article(s); a != "" {
			return a + sep + w
		}
		return w
	}
	out := []string{word(prefixes[n.prefix]), word(roots[n.root])}
	if n.qualifier >= 0 {
		out = append(out, word(qualifiers[n.qualifier]))
	}
	return strings.Join(out, " ")
}

// name is the name as the gazetteer gives it: "Tell al-Zeitoun".
func (n placeName) name() string {
	return n.words(0, func(s spelling) string { return alIf(s) }, "-")
}

// aliases are other spellings of the name as sources write them: the article
// assimilated or as el- (same key), spaced instead of hyphenated (same key),
// and the words transliterated otherwise (a different key).
func (n placeName) aliases(variant int) []string {
	assimilated := func(s spelling) string {
		if s.article == "al" {
			return "el"
		}
		return s.article
	}
	all := []string{
		n.words(0, assimilated, "-"),
		n.words(0, func(s spelling) string { return alIf(s) }, " "),
		n.words(1, func(s spelling) string { return alIf(s) }, "-"),
		n.words(2, assimilated, " "),
	}
	// Not every source spells every variant: keep a few, varied by place.
	var out []string
	for i, a := range all {
		if (variant>>i)&1 == 1 || i == 2 {
			out = appendNew(out, a, n.name())
		}
	}
	return out
}

// arabic is the name in Arabic script; ok is false for qualified names,
// whose adjective would have to agree with the noun.
func (n placeName) arabic() (string, bool) {
	if n.qualifier >= 0 {
		return "", false
	}
	return prefixes[n.prefix].arabic + " " + roots[n.root].arabic, true
}

func alIf(s spelling) string {
	if s.article != "" {
		return "al"
	}
	return ""
}

// appendNew appends s unless it is already in list or equals skip.
func appendNew(list []string, s, skip string) []string {
	if s == skip {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// slug makes an id fragment of a name: lower case ASCII and hyphens.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
