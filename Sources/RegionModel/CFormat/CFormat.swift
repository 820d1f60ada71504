/// How glibc's `printf` family renders the conversions QEMU's messages use.
///
/// QEMU builds its error messages with `error_setg()`, which formats with the
/// C library's `vsnprintf`. The model must produce the same bytes, so these
/// helpers reproduce glibc's output for the conversions the seed uses.
public enum CFormat {
  /// Renders `%p` as glibc does: `(nil)` for a null pointer, otherwise `0x`
  /// followed by lowercase hex digits without leading zeros.
  public static func pointer(_ value: UInt64) -> String {
    value == 0 ? "(nil)" : "0x" + String(value, radix: 16, uppercase: false)
  }

  /// Renders `%zu` (a `size_t`, 64 bits here) in decimal.
  public static func size(_ value: UInt64) -> String {
    String(value)
  }

  /// Renders a value as `0x` plus lowercase hex, `0x0` for zero: the form
  /// libblkio's messages and the trace's canonical form use.
  public static func hex(_ value: UInt64) -> String {
    "0x" + String(value, radix: 16, uppercase: false)
  }
}
