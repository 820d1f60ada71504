/// Reads the inputs that build the layers around the driver: `node`,
/// `child`, `backend` and `registrar` lines.
enum GraphRecordParser {
  static func parse(_ tokens: LineTokens) throws(TraceSyntaxError) -> TraceInput {
    let keyword = tokens.text(0)
    let actions: [String: [String]] = [
      "node": ["add", "remove"], "child": ["add", "remove"],
      "backend": ["add", "attach", "detach", "remove"], "registrar": ["attach", "destroy"],
    ]
    let allowed = actions[keyword] ?? []
    guard tokens.count >= 2, allowed.contains(tokens.text(1)) else {
      throw TraceSyntaxError(
        "'\(keyword)' needs one of: " + allowed.map { "\(keyword) \($0)" }.joined(separator: ", "))
    }
    let action = tokens.text(1)
    let record = keyword + " " + action
    switch (keyword, action) {
    case ("node", "add"):
      let node = try InputRecordParser.name(tokens, at: 2, after: record, what: "node")
      let arguments = try KeywordArguments(
        record: record, tokens: tokens, from: 3, allowed: ["format", "clears-flag"])
      let format = arguments.optional("format") == nil ? "raw" : try arguments.name("format")
      let clears = try arguments.optional("clears-flag").map {
        (value) throws(TraceSyntaxError) -> Bool? in try arguments.bool("clears-flag", value)
      }
      return .nodeAdd(
        node: node, format: FormatNode(format: format, clearsRegisteredBufFlag: clears ?? nil))
    case ("node", "remove"):
      let node = try InputRecordParser.name(tokens, at: 2, after: record, what: "node")
      _ = try KeywordArguments(record: record, tokens: tokens, from: 3, allowed: [])
      return .nodeRemove(node: node)
    case ("child", _):
      let parent = try InputRecordParser.name(tokens, at: 2, after: record, what: "parent node")
      let child = try InputRecordParser.name(tokens, at: 3, after: record, what: "child node")
      _ = try KeywordArguments(record: record, tokens: tokens, from: 4, allowed: [])
      return action == "add"
        ? .childAdd(parent: parent, child: child) : .childRemove(parent: parent, child: child)
    case ("backend", _):
      let backend = try InputRecordParser.name(tokens, at: 2, after: record, what: "backend")
      let keys = action == "add" || action == "attach" ? ["root"] : []
      let arguments = try KeywordArguments(record: record, tokens: tokens, from: 3, allowed: keys)
      switch action {
      case "add":
        let root = arguments.optional("root") == nil ? nil : try arguments.name("root")
        return .backendAdd(backend: backend, root: root)
      case "attach": return .backendAttach(backend: backend, root: try arguments.name("root"))
      case "detach": return .backendDetach(backend: backend)
      default: return .backendRemove(backend: backend)
      }
    default:
      let backend = try InputRecordParser.name(tokens, at: 2, after: record, what: "backend")
      _ = try KeywordArguments(record: record, tokens: tokens, from: 3, allowed: [])
      return action == "attach"
        ? .registrarAttach(backend: backend) : .registrarDestroy(backend: backend)
    }
  }
}
