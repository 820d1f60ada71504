/// Reads the comment that pins a trace's variant:
/// `# regionsim: variant=NAME`. Any other comment is just a comment.
enum VariantPin {
  static func parse<Name>(
    _ line: UnsafeBufferPointer<UInt8>, after start: Int
  ) throws(TraceSyntaxError) -> TraceLineOf<Name> {
    let tokens = LineTokens(line: line, from: start, to: line.count)
    guard tokens.count >= 2, tokens.token(0, is: "regionsim:") else { return .nothing }
    let text = tokens.text(1)
    guard text.hasPrefix("variant=") else { return .nothing }
    let name = text.dropFirst("variant=".count)
    guard let variant = DriverVariant(rawValue: String(name)) else {
      throw TraceSyntaxError(
        "unknown variant '\(name)' (variants: "
          + DriverVariant.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    return .variantPin(variant)
  }
}
