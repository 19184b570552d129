package importer

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The synthetic pages of the tests and the benchmark are made from the
// sample pages in seeds/: their blocks (runs of lines between blank lines)
// are shuffled between pages, sentences are swapped between blocks, numbers
// are changed and invented names are credited, so that every page is new
// and looks like a real one to ingest.

var (
	surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
	givens   = []rune("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽")
)

type synth struct {
	blocks   []string // Chinese seed blocks
	enBlocks []string // English seed blocks
}

func loadSynth(tb testing.TB) *synth {
	tb.Helper()
	read := func(name string) []string {
		b, err := os.ReadFile(filepath.Join("..", "seeds", name))
		if err != nil {
			tb.Fatal(err)
		}
		var blocks []string
		for _, blk := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n\n") {
			if strings.TrimSpace(blk) == "" {
				continue
			}
			// OCR pages have no blank lines: cut them every dozen lines.
			lines := strings.Split(blk, "\n")
			for len(lines) > 24 {
				blocks = append(blocks, strings.Join(lines[:12], "\n"))
				lines = lines[12:]
			}
			blocks = append(blocks, strings.Join(lines, "\n"))
		}
		return blocks
	}
	return &synth{blocks: read("000_84aa73dab9e593a4.txt"), enBlocks: read("en_nytribune_1916-01-02_p1.txt")}
}

func (s *synth) name(r *rand.Rand) string {
	n := string(surnames[r.IntN(len(surnames))]) + string(givens[r.IntN(len(givens))])
	if r.IntN(3) > 0 {
		n += string(givens[r.IntN(len(givens))])
	}
	return n
}

// page returns the raw bytes of synthetic page n (deterministic).
func (s *synth) page(n int) []byte {
	r := rand.New(rand.NewPCG(uint64(n), 0x9a11e7))
	src := s.blocks
	if n%5 == 4 {
		src = s.enBlocks
	}
	count := len(src)/2 + r.IntN(len(src)/2+1)
	var b strings.Builder
	for i := 0; i < count; i++ {
		blk := src[r.IntN(len(src))]
		if r.IntN(3) == 0 {
			blk = swapSentence(blk, src[r.IntN(len(src))], r)
		}
		blk = varyNumbers(blk, r)
		if src[0] == s.blocks[0] && r.IntN(6) == 0 {
			blk = fmt.Sprintf("本报讯 （记者 %s 通讯员 %s）", s.name(r), s.name(r)) + blk
		}
		b.WriteString(blk)
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "第%d版 编辑 %s\n", n, s.name(r))
	return []byte(b.String())
}

// swapSentence replaces the first sentence of a with a sentence of b.
func swapSentence(a, b string, r *rand.Rand) string {
	as, bs := strings.SplitAfter(a, "。"), strings.SplitAfter(b, "。")
	if len(as) < 2 || len(bs) < 2 {
		return a
	}
	as[0] = bs[r.IntN(len(bs)-1)]
	return strings.Join(as, "")
}

// varyNumbers replaces every ASCII digit with another, keeping the length.
func varyNumbers(s string, r *rand.Rand) string {
	b := []byte(s)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = byte('0' + r.IntN(10))
		}
	}
	return string(b)
}

// writePages writes synthetic pages from..to-1 into dir as 2020-MM-DD_pN.txt.
func (s *synth) writePages(tb testing.TB, dir string, from, to int) []string {
	tb.Helper()
	var files []string
	for n := from; n < to; n++ {
		day := n % 365
		name := filepath.Join(dir, fmt.Sprintf("2020-%02d-%02d_p%06d.txt", 1+day/31%12, 1+day%28, n))
		if err := os.WriteFile(name, s.page(n), 0o644); err != nil {
			tb.Fatal(err)
		}
		files = append(files, name)
	}
	return files
}
