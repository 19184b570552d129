package export

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// StorySchema is the JSON Schema (draft 2020-12) of one galley.story/v1
// story, the file schema/galley.story.v1.schema.json of this package.
//
//go:embed schema/galley.story.v1.schema.json
var StorySchema []byte

const storySchemaURL = "https://galley.invalid/schema/galley.story.v1.schema.json"

var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(StorySchema))
	if err != nil {
		return nil, fmt.Errorf("story schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(storySchemaURL, doc); err != nil {
		return nil, fmt.Errorf("story schema: %w", err)
	}
	return c.Compile(storySchemaURL)
})

// ValidateStoryJSON checks one story object (JSON text) against the schema.
// The error lists each problem with where it is, e.g.
// `/paragraphs/2/kind: value must be one of "body", "subhead", …`.
func ValidateStoryJSON(data []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return validateValue(v)
}

func validateValue(v any) error {
	sch, err := compiledSchema()
	if err != nil {
		return err
	}
	if err := sch.Validate(v); err != nil {
		if ve, ok := err.(*jsonschema.ValidationError); ok {
			return schemaError{problems: flattenValidation(ve)}
		}
		return err
	}
	return nil
}

// schemaError lists what is wrong in a story, one problem per location.
type schemaError struct{ problems []string }

func (e schemaError) Error() string { return strings.Join(e.problems, "; ") }

var printer = message.NewPrinter(language.English)

// flattenValidation turns the library's tree of causes into one line per
// leaf: the JSON pointer of the value and what is wrong with it.
func flattenValidation(ve *jsonschema.ValidationError) []string {
	var out []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			loc := "the story"
			if len(e.InstanceLocation) > 0 {
				loc = "/" + strings.Join(e.InstanceLocation, "/")
			}
			out = append(out, loc+": "+e.ErrorKind.LocalizedString(printer))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(out)
	return out
}
