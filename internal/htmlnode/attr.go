// Package htmlnode reads and changes the attributes of parsed HTML nodes
// (golang.org/x/net/html), for every package that rewrites or inspects
// markup.
package htmlnode

import "golang.org/x/net/html"

// Attr is the value of n's attribute key, "" when it has none.
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// SetAttr gives n's attribute key the value val, adding it when missing.
func SetAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// RemoveAttr removes n's attribute key, if it has it.
func RemoveAttr(n *html.Node, key string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
			return
		}
	}
}
