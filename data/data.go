// Package data embeds the seed corpus: the articles and their annotations.
package data

import "embed"

// FS holds articles/*.txt and seed/*.json.
//
//go:embed articles seed
var FS embed.FS

// SeedDir is the folder of FS that holds the annotation documents.
const SeedDir = "seed"
