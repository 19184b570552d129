package pdflayout

// DebugModules sets a function that is given, for each page built, the
// boxes of the modules found and their blocks' indexes (before the
// reading order renumbers them). For inspecting pages by hand.
func DebugModules(f func(boxes []Box, blocks [][]int)) {
	debugModules = func(items []item) {
		var bs []Box
		var ids [][]int
		for _, it := range items {
			bs = append(bs, it.box)
			ids = append(ids, it.blocks)
		}
		f(bs, ids)
	}
}
