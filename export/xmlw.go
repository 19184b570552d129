package export

import (
	"bytes"
	"encoding/xml"
)

// xmlBuf is a bytes.Buffer with helpers to write escaped XML text; the
// package writes its XML by hand so that element order (which Word checks
// against the schema) and bytes stay exactly as written.
type xmlBuf struct{ bytes.Buffer }

// text writes s escaped for element content or an attribute value.
// encoding/xml replaces characters XML cannot hold (control characters)
// with U+FFFD, so the document always parses.
func (b *xmlBuf) text(s string) {
	_ = xml.EscapeText(&b.Buffer, []byte(s))
}

// attr writes ` name="value"` with the value escaped.
func (b *xmlBuf) attr(name, value string) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	b.text(value)
	b.WriteByte('"')
}

// elem writes <name>escaped text</name>.
func (b *xmlBuf) elem(name, value string) {
	b.WriteByte('<')
	b.WriteString(name)
	b.WriteByte('>')
	b.text(value)
	b.WriteString("</")
	b.WriteString(name)
	b.WriteByte('>')
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
