package storage

import (
	"context"

	"fmt"
	"strings"
)

// AddTerm adds (or re-tags) a user dictionary word in the archive and in the
// archive's lexicon. tag is nr (person), ns (place), nt (organisation) or n.
// The search index keeps the old cut of stories already stored until they
// are saved again (see StoriesContaining).
func (a *Archive) AddTerm(ctx context.Context, word, tag string) error {
	word = strings.TrimSpace(word)
	// The lexicon validates the word and the tag; it is the one that must
	// accept them.
	if err := a.lex.AddTerm(word, tag); err != nil {
		return err
	}
	if tag == "" {
		tag = "n"
	}
	err := a.writeTx(ctx, func(tx *dbTx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO terms (word, tag, added) VALUES (?, ?, ?)
			ON CONFLICT (word) DO UPDATE SET tag = excluded.tag`, word, tag, now())
		if err != nil {
			return err
		}
		return notifyTx(ctx, tx, Change{Kind: ChangeDictionary})
	})
	if err != nil {
		a.lex.RemoveTerm(word)
	}
	return err
}

// RemoveTerm removes a user dictionary word (ErrNotFound if absent).
func (a *Archive) RemoveTerm(ctx context.Context, word string) error {
	word = strings.TrimSpace(word)
	err := a.writeTx(ctx, func(tx *dbTx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM terms WHERE word = ?`, word)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("term %q: %w", word, ErrNotFound)
		}
		return notifyTx(ctx, tx, Change{Kind: ChangeDictionary})
	})
	if err == nil {
		a.lex.RemoveTerm(word)
	}
	return err
}

// Terms lists the user dictionary, sorted by word.
func (a *Archive) Terms(ctx context.Context) ([]Term, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT word, tag, added FROM terms ORDER BY word`)
	if err != nil {
		return nil, a.classify(err)
	}
	defer rows.Close()
	out := []Term{}
	for rows.Next() {
		var t Term
		var added string
		if err := rows.Scan(&t.Word, &t.Tag, &added); err != nil {
			return nil, a.classify(err)
		}
		t.Added = parseTime(added)
		out = append(out, t)
	}
	return out, a.classify(rows.Err())
}

// feedTerms gives the archive's user dictionary to its lexicon.
func (a *Archive) feedTerms(ctx context.Context) error {
	terms, err := a.Terms(ctx)
	if err != nil {
		return err
	}
	for _, t := range terms {
		if err := a.lex.AddTerm(t.Word, t.Tag); err != nil {
			return fmt.Errorf("archive %s: user term %q: %w", a.path, t.Word, err)
		}
	}
	return nil
}

// StoriesContaining returns the ids of stories whose headline fields or
// paragraphs contain word as a substring (not through the search index,
// which holds the cut made before the word was known), in id order.
func (a *Archive) StoriesContaining(ctx context.Context, word string) ([]int64, error) {
	word = strings.TrimSpace(word)
	if word == "" {
		return nil, nil
	}
	rows, err := a.db.QueryContext(ctx, `SELECT id FROM stories WHERE `+a.d.contains("title")+` OR `+a.d.contains("kicker")+`
		OR `+a.d.contains("subtitle")+` OR `+a.d.contains("paragraphs")+` ORDER BY id`, word, word, word, word)
	if err != nil {
		return nil, a.classify(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, a.classify(err)
		}
		ids = append(ids, id)
	}
	return ids, a.classify(rows.Err())
}
