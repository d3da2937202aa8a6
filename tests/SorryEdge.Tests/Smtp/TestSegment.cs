using System.Buffers;

namespace SorryEdge.Tests.Smtp;

/// <summary>Builds multi-segment sequences, the way a pipe hands over bytes that arrived in several packets.</summary>
internal sealed class TestSegment : ReadOnlySequenceSegment<byte>
{
    private TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Sequence(params byte[][] parts)
    {
        var first = new TestSegment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            var next = new TestSegment(part, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
