package media

// HoldDecodes takes every decoding slot until release is called.
func HoldDecodes() (release func()) {
	for range cap(decodes) {
		decodes <- struct{}{}
	}
	return func() {
		for range cap(decodes) {
			<-decodes
		}
	}
}
