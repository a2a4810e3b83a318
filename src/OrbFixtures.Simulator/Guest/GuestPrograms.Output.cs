using System.Globalization;

namespace OrbFixtures.Simulator.Guest;

/// <summary>
/// Programs that generate output of any size, so tests can exercise big or endless output without a real machine:
/// <c>head -c N /dev/zero</c>, <c>head -c N</c>/<c>head -n N</c> of a file or stdin, and <c>seq</c>. They write in
/// fixed chunks as they go (a gigabyte never becomes one string), like the coreutils they stand for.
/// </summary>
internal static partial class GuestPrograms
{
    private const int OutputChunk = 64 * 1024;

    private static int Head(GuestSession session, IReadOnlyList<string> args)
    {
        long? bytes = null;
        long lines = 10;
        string? file = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? value;
            char option;
            if (arg is "-c" or "-n" or "--bytes" or "--lines")
            {
                if (i + 1 >= args.Count) return Fail(session, $"head: option requires an argument -- '{arg.TrimStart('-')[0]}'\nTry 'head --help' for more information.");
                (option, value) = (arg.TrimStart('-')[0] == 'b' ? 'c' : arg.TrimStart('-')[0], args[++i]);
            }
            else if (arg.Length > 2 && arg[0] == '-' && arg[1] is 'c' or 'n') (option, value) = (arg[1], arg[2..]);
            else if (arg.StartsWith("--bytes=", StringComparison.Ordinal)) (option, value) = ('c', arg[8..]);
            else if (arg.StartsWith("--lines=", StringComparison.Ordinal)) (option, value) = ('n', arg[8..]);
            else if (arg.StartsWith('-') && arg != "-") return Fail(session, $"head: invalid option -- '{arg.TrimStart('-')}'\nTry 'head --help' for more information.");
            else
            {
                if (file is not null) return Fail(session, "orbsim: 'head' with more than one file is not simulated", 2);
                file = arg;
                continue;
            }

            if (SizeArgument(value) is not { } n)
                return Fail(session, option == 'c' ? $"head: invalid number of bytes: '{value}'" : $"head: invalid number of lines: '{value}'");
            if (option == 'c') bytes = n;
            else (bytes, lines) = (null, n);
        }

        if (file == "/dev/zero")
        {
            if (bytes is not { } count) return Fail(session, "orbsim: 'head -n' on /dev/zero is not simulated (it has no lines; use head -c N)", 2);
            WriteZeros(session.Out, count);
            return 0;
        }

        var text = file is null or "-" ? session.Stdin : session.Files.ReadText(session.Resolve(file));
        if (text is null) return Fail(session, $"head: cannot open '{file}' for reading: No such file or directory");
        // Files and stdin are small in the simulator (they are text it holds already); bytes are counted as UTF-8 would.
        session.Out.Write(bytes is { } limit ? FirstBytes(text, limit) : FirstLines(text, lines));
        return 0;
    }

    private static int Seq(GuestSession session, IReadOnlyList<string> args)
    {
        var numbers = new long[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            if (!long.TryParse(args[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i]))
                return args[i].StartsWith('-') && args[i].Length > 1 && !char.IsAsciiDigit(args[i][1])
                    ? Fail(session, $"seq: invalid option -- '{args[i].TrimStart('-')}'\nTry 'seq --help' for more information.")
                    : Fail(session, $"orbsim: 'seq {args[i]}' is not simulated (whole numbers only)", 2);
        }

        if (numbers.Length is 0 or > 3)
            return Fail(session, numbers.Length == 0 ? "seq: missing operand\nTry 'seq --help' for more information."
                : $"seq: extra operand '{args[3]}'\nTry 'seq --help' for more information.");
        var (first, step, last) = numbers switch
        {
            [var l] => (1L, 1L, l),
            [var f, var l] => (f, 1L, l),
            _ => (numbers[0], numbers[1], numbers[2]),
        };
        if (step == 0) return Fail(session, "seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.");

        if (first >= 0 && step == 1) return CountUp(session.Out, first, last);
        var buffer = new char[OutputChunk];
        var used = 0;
        for (var n = first; step > 0 ? n <= last : n >= last; n += step)
        {
            if (used > OutputChunk - 24)
            {
                session.Out.Write(buffer, 0, used);
                used = 0;
            }
            n.TryFormat(buffer.AsSpan(used), out var written, provider: CultureInfo.InvariantCulture);
            used += written;
            buffer[used++] = '\n';
        }

        session.Out.Write(buffer, 0, used);
        return 0;
    }

    /// <summary><c>seq</c> by one from a non-negative start, the common case and the one tests print a gigabyte with:
    /// the number is kept as digits and incremented in place (formatting each number anew is ten times slower).</summary>
    private static int CountUp(TextWriter output, long first, long last)
    {
        var buffer = new char[OutputChunk];
        var used = 0;
        var digits = new char[21];
        digits[^1] = '\n';
        first.TryFormat(digits.AsSpan(0, 20), out var length, provider: CultureInfo.InvariantCulture);
        digits.AsSpan(0, length).CopyTo(digits.AsSpan(20 - length));
        var start = 20 - length;
        for (var n = first; n <= last; n++)
        {
            if (used > OutputChunk - 24)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }
            Array.Copy(digits, start, buffer, used, digits.Length - start);
            used += digits.Length - start;
            var i = 19;
            while (i >= start && digits[i] == '9') digits[i--] = '0';
            if (i < start) digits[start = i] = '1';
            else digits[i]++;
        }

        output.Write(buffer, 0, used);
        return 0;
    }

    private static void WriteZeros(TextWriter output, long count)
    {
        var zeros = new char[(int)Math.Min(OutputChunk, Math.Max(count, 1))];
        for (var left = count; left > 0; left -= zeros.Length)
            output.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
    }

    /// <summary>A count with an optional coreutils multiplier: K, M, G (powers of 1024) or KB, MB, GB (of 1000).</summary>
    private static long? SizeArgument(string value)
    {
        (string Suffix, long Factor)[] units = [("KB", 1000), ("MB", 1000_000), ("GB", 1000_000_000), ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30)];
        var (digits, factor) = units.FirstOrDefault(u => value.EndsWith(u.Suffix, StringComparison.Ordinal)) is { Suffix: { } s } unit
            ? (value[..^s.Length], unit.Factor)
            : (value, 1L);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= long.MaxValue / factor ? n * factor : null;
    }

    private static string FirstLines(string text, long lines)
    {
        var end = 0;
        for (long seen = 0; seen < lines && end < text.Length; seen++)
        {
            var newline = text.IndexOf('\n', end);
            end = newline < 0 ? text.Length : newline + 1;
        }
        return text[..end];
    }

    private static string FirstBytes(string text, long bytes)
    {
        var encoded = System.Text.Encoding.UTF8.GetBytes(text);
        return System.Text.Encoding.UTF8.GetString(encoded, 0, (int)Math.Min(bytes, encoded.Length));
    }
}
