package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// node is a parsed XML element, enough to read a DOCX back in tests.
type node struct {
	name     xml.Name
	attrs    []xml.Attr
	children []*node
	text     string // character data directly inside
}

func parseXML(t *testing.T, part string, data []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", part, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &node{name: tk.Name, attrs: tk.Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tk)
			}
		}
	}
	if root == nil {
		t.Fatalf("%s has no root element", part)
	}
	return root
}

// attr returns the value of the attribute with this local name (any
// namespace).
func (n *node) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child returns the first direct child with this local name, or nil.
func (n *node) child(local string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name.Local == local {
			return c
		}
	}
	return nil
}

// path follows direct children by local names; nil when one is missing.
func (n *node) path(locals ...string) *node {
	for _, l := range locals {
		n = n.child(l)
	}
	return n
}

// all returns every descendant with this local name, in document order.
func (n *node) all(local string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		for _, c := range m.children {
			if c.name.Local == local {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// wordText is the text of a w:p: its w:t runs, with w:br as "\n" and
// w:tab as "\t".
func (n *node) wordText() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		for _, c := range m.children {
			switch c.name.Local {
			case "t":
				b.WriteString(c.text)
			case "br":
				if c.attr("type") == "" {
					b.WriteString("\n")
				}
			case "tab":
				b.WriteString("\t")
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// docxParts unzips a DOCX into its parts, in archive order.
func docxParts(t *testing.T, data []byte) (names []string, parts map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	parts = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		parts[f.Name] = b
	}
	return names, parts
}
