package workload

import "strings"

var (
	logLevels   = []string{"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"}
	logServices = []string{"api", "worker", "scheduler", "auth", "db-pool", "cache", "ingest"}
	logPaths    = []string{"/api/v1/items", "/api/v1/users", "/healthz", "/static/app.js", "/api/v2/search", "/login"}
	logWords    = strings.Fields("request completed started retrying connection timeout user session " +
		"cache miss hit flushed queue depth latency bytes sent received upstream closed opened " +
		"checkpoint compaction shard replica leader elected heartbeat lag")
)

// logLine writes a service log line, sometimes longer than the screen is
// wide, sometimes with a tab.
func (g *generator) logLine() {
	r := g.rnd
	g.putf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ %s [%s-%d] ",
		1+r.IntN(12), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000),
		g.pick(logLevels), g.pick(logServices), r.IntN(16))
	switch r.IntN(3) {
	case 0:
		g.putf("%s %s/%d status=%d dur=%d.%dms id=%08x", g.pick([]string{"GET", "POST", "PUT"}),
			g.pick(logPaths), r.IntN(100000), g.pickInt(200, 200, 200, 200, 200, 200, 304, 404, 500), r.IntN(900), r.IntN(10), r.Uint32())
	case 1:
		for range 3 + r.IntN(14) {
			g.put(g.pick(logWords) + " ")
		}
	default:
		g.putf("\tkey=%d\tvalue=%q", r.IntN(1<<20), g.pick(logWords))
	}
	g.put("\r\n")
}

var (
	// Double-width text (Han, kana, Hangul, fullwidth forms).
	wideWords = strings.Fields("日本語 東京 漢字 ひらがな カタカナ 中文 字符 编码 한국어 텍스트 ＡＢＣ ｘｙｚ 終了 開始 読み込み 처리")
	// Narrow non-ASCII text.
	narrowWords = strings.Fields("naïve café façade Ελληνικά русский текст Ünïcödé smörgåsbord ½ € © ± µ ß Ω")
	// Emoji that are two columns wide both for glibc and by Unicode's East
	// Asian Width (see vttest's emoji case).
	emojiWords = []string{"😀", "🙂", "✅", "🎉", "⚡", "☕", "🚀", "🐍", "👍", "🌍", "🍕", "🔥"}
	// Combining marks, always written after a base letter.
	combiningMarks = []string{"\u0301", "\u0300", "\u0302", "\u0308", "\u0303", "\u0323", "\u0334"}
)

// utf8Line writes a line mixing narrow, wide, emoji and combined text.
func (g *generator) utf8Line() {
	r := g.rnd
	for range 4 + r.IntN(12) {
		switch r.IntN(5) {
		case 0, 1:
			g.put(g.pick(wideWords))
		case 2:
			g.put(g.pick(narrowWords))
		case 3:
			g.put(g.pick(emojiWords))
		default:
			g.put(string(rune('a' + r.IntN(26))))
			for range 1 + r.IntN(2) {
				g.put(g.pick(combiningMarks))
			}
		}
		g.put(" ")
	}
	g.put("\r\n")
}

// sgrLine writes short tokens each under a new rendition (16, 256 and
// 24-bit colours and attributes), as colourised ls, compilers and syntax
// highlighters do. The line stays shorter than the screen and the
// rendition is reset before it ends, so that no scroll (by wrap or line
// feed) happens with a background colour set.
func (g *generator) sgrLine() {
	r := g.rnd
	col := 0
	for range 5 + r.IntN(12) {
		word := g.pick(logWords)
		if col+len(word)+1 >= Width {
			break
		}
		switch r.IntN(6) {
		case 0:
			g.putf("\x1b[%d;%dm", 30+r.IntN(8), 40+r.IntN(8))
		case 1:
			g.putf("\x1b[38;5;%dm", r.IntN(256))
		case 2:
			g.putf("\x1b[38;5;%d;48;5;%dm", r.IntN(256), r.IntN(256))
		case 3:
			g.putf("\x1b[38;2;%d;%d;%dm", r.IntN(256), r.IntN(256), r.IntN(256))
		case 4:
			g.putf("\x1b[%d;38;2;%d;%d;%d;48;2;%d;%d;%dm", g.pickInt(1, 3, 4, 7, 22),
				r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256))
		default:
			g.put("\x1b[0m")
		}
		g.put(word)
		col += len(word)
		if g.chance(50) {
			g.put(" ")
			col++
		}
	}
	g.put("\x1b[0m\r\n")
}

func (g *generator) pickInt(list ...int) int { return list[g.rnd.IntN(len(list))] }
