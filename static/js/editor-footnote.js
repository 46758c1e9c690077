// The editor's footnote: an inline note kept where it is written, as
// <span data-footnote data-source="key" data-locator="p. 12">text</span>
// (see posts/footnotes.py, which numbers the notes for readers).
import { Node, updateAttrsDialog } from "django-prose-editor/editor"

const noteDialog = updateAttrsDialog(
  {
    text: {
      type: "string",
      title: "Note",
      format: "textarea",
      description: "What readers find at the end of the post.",
    },
    source: {
      type: "string",
      title: "Source key",
      description: "Optional: the key of a source to cite (see Sources).",
    },
    locator: {
      type: "string",
      title: "Locator",
      description: "Optional: where in the source, such as “p. 12”.",
    },
  },
  { title: "Footnote", submitText: "Save note" },
)

const textOf = (html) => {
  const holder = document.createElement("div")
  holder.innerHTML = html
  return holder.textContent
}

const escaped = (text) => {
  const holder = document.createElement("div")
  holder.textContent = text
  return holder.innerHTML
}

// Offers the keys of the sources there are in the dialog's "Source key"
// field, read from `url` (the admin's list of keys) when the dialog opens.
const offerSourceKeys = (url) => {
  const input = document.querySelector("dialog[open] input[name=source]")
  if (!url || !input) return
  const list = document.createElement("datalist")
  list.id = `${input.id}-keys`
  input.after(list)
  input.setAttribute("list", list.id)
  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : { sources: [] }))
    .then(({ sources }) => {
      for (const source of sources) {
        const option = document.createElement("option")
        option.value = source.key
        option.textContent = source.title
        list.append(option)
      }
    })
    .catch(() => {})
}

export const Footnote = Node.create({
  name: "footnote",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,

  addOptions() {
    return { sourceKeysUrl: "" }
  },

  addAttributes() {
    return {
      // The note's own markup, kept as written (an imported note may hold
      // links or emphasis); the dialog edits its text.
      html: { default: "", parseHTML: (element) => element.innerHTML, renderHTML: () => ({}) },
      source: { default: "", parseHTML: (element) => element.dataset.source || "", renderHTML: () => ({}) },
      locator: { default: "", parseHTML: (element) => element.dataset.locator || "", renderHTML: () => ({}) },
    }
  },

  parseHTML() {
    return [{ tag: "span[data-footnote]" }]
  },

  renderHTML({ node }) {
    const span = document.createElement("span")
    span.setAttribute("data-footnote", "")
    if (node.attrs.source) span.setAttribute("data-source", node.attrs.source)
    if (node.attrs.locator) span.setAttribute("data-locator", node.attrs.locator)
    span.innerHTML = node.attrs.html
    return span
  },

  addCommands() {
    return {
      editFootnote:
        () =>
        ({ editor }) => {
          const { selection } = editor.state
          const current = selection.node?.type.name === this.name ? selection.node : null
          const attrs = current ? current.attrs : { html: "", source: "", locator: "" }
          const answer = noteDialog(editor, {
            text: textOf(attrs.html),
            source: attrs.source,
            locator: attrs.locator,
          })
          offerSourceKeys(this.options.sourceKeysUrl)
          answer.then((values) => {
            if (!values) return
            const text = values.text.trim()
            const html = current && text === textOf(attrs.html) ? attrs.html : escaped(text)
            const note = { html, source: values.source.trim(), locator: values.locator.trim() }
            if (!text && !note.source) return
            if (current) {
              editor.chain().focus().updateAttributes(this.name, note).run()
            } else {
              editor.chain().focus().insertContent({ type: this.name, attrs: note }).run()
            }
          })
          return true
        },
    }
  },

  addKeyboardShortcuts() {
    return { "Mod-Alt-f": () => this.editor.commands.editFootnote() }
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "footnote",
      groups: "nodes",
      button: buttons.text("Note", "Note: insert or edit a footnote"),
      command(editor) {
        editor.commands.editFootnote()
      },
      active: (editor) => editor.isActive("footnote"),
    })
  },
})
