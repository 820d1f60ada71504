/// Text from a trace made safe to print on a terminal: control characters
/// (C0, DEL and C1, which include the escape and the CSI that start
/// terminal sequences) written as `\xNN` or `\u{NN}`, and bytes that are
/// not UTF-8 replaced. Text diagnostics quote trace bytes through this, as
/// the JSON output escapes them, so that a hostile trace cannot clear or
/// recolour the terminal of whoever checks it.
public enum PrintableText {
  /// `bytes` decoded as UTF-8 with the control characters escaped.
  public static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    of(String(decoding: bytes, as: UTF8.self))
  }

  /// `text` with its control characters escaped; the same text when it has
  /// none, as almost every line has.
  public static func of(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    return ScalarEscaping.escape(text) { scalar in
      guard isControl(scalar) else { return nil }
      return scalar.value < 0x80
        ? "\\x" + ScalarEscaping.hex(scalar.value, width: 2)
        : "\\u{" + String(scalar.value, radix: 16) + "}"
    }
  }

  /// C0 controls but the tab, DEL, and the C1 controls.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
  }
}
