
namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Overlay sources (<c>/plugin/;</c>): a top-level <c>&amp;label { ... };</c> or <c>&amp;{/path} { ... };</c> whose
/// target is not in the overlay itself becomes a <c>fragment@N</c> node of the root, as dtc's add_orphan_node builds it.
/// </summary>
internal sealed partial class DtsParser
{
    private int _nextFragment;

    /// <summary>
    /// dtc's rule: in an overlay, an unlabelled top-level <c>&amp;{/path}</c> always becomes a fragment, and an
    /// unlabelled <c>&amp;label</c> does unless the label is on a node the overlay already has (that node is extended).
    /// A labelled one (<c>new: &amp;old {</c>) never does: it must find its node.
    /// </summary>
    private bool IsFragment(string target) =>
        IsPlugin && _pendingLabels.Count == 0 && (target[0] == '/' || FindNodeByReference(target) is null);

    /// <summary>
    /// Appends <c>fragment@N { target = &lt;&amp;label&gt;; __overlay__ { } }</c> (or <c>target-path = "/path"</c>) to
    /// the root, numbered from 0 in source order, and returns its <c>__overlay__</c> node for the block to fill.
    /// </summary>
    private DtsSourceNode AddFragment(string target, DtsSourceLocation at)
    {
        if (_root is null)
        {
            // An overlay may start with a fragment; dtc makes the empty root then.
            CountNode(at);
            _root = new DtsSourceNode(string.Empty, null, at);
        }

        string name = "fragment@" + _nextFragment++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_root.FindChild(name) is not null)
        {
            throw at.Error($"The overlay fragment '{name}' made for '&{target}' would be a second root node of that name (the source defines one).");
        }

        CountNode(at);
        var fragment = new DtsSourceNode(name, _root, at) { Depth = 1 };
        _root.AddChild(fragment);
        if (target[0] == '/')
        {
            byte[] encoded = EscapedUtf8.Encode(target);
            byte[] path = new byte[encoded.Length + 1];
            encoded.CopyTo(path, 0);
            fragment.PropertyAt(fragment.AddProperty("target-path", at)).Value = path;
        }
        else
        {
            ref DtsSourceProperty property = ref fragment.PropertyAt(fragment.AddProperty("target", at));
            property.Value = new byte[] { 0xff, 0xff, 0xff, 0xff };
            property.References = new System.Collections.Generic.List<DtsValueReference>(1) { new(0, target, isPhandle: true, at) };
            SawReferences = true;
        }

        CountNode(at);
        var overlay = new DtsSourceNode("__overlay__", fragment, at) { Depth = 2 };
        fragment.AddChild(overlay);
        return overlay;
    }
}
