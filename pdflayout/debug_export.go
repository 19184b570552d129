package pdflayout

// DebugModules sets a function that is given, for each page built, every
// module found: its box and the boxes of its blocks in reading order. For
// inspecting pages by hand.
func DebugModules(f func(module Box, blocks []Box)) {
	debugModules = func(items []item, blocks []block) {
		for _, it := range items {
			var bs []Box
			for _, i := range it.blocks {
				bs = append(bs, blocks[i].box)
			}
			f(it.box, bs)
		}
	}
}
