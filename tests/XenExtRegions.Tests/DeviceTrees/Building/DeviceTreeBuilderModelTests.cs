using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Building;

/// <summary>
/// The builder against a plain list model (a scan per operation, the behaviour before the name index) for random
/// sequences of set, replace, remove, add-child, replace-child, remove-child and look-ups. Names come from a pool
/// larger than the index threshold, so runs cross between the scanned and the indexed (tombstoned) forms.
/// </summary>
public sealed class DeviceTreeBuilderModelTests
{
    private static readonly string[] PropertyNames = Enumerable.Range(0, 40).Select(i => "p" + i).ToArray();

    // Base names with one or several unit addresses, and plain names, so base-name look-ups are unique or ambiguous.
    private static readonly string[] ChildNames =
        Enumerable.Range(0, 30).Select(i => "c" + i).Concat(new[] { "n@1", "n@2", "m@1", "k@0", "k@1", "k@2", "x", "x@1" }).ToArray();

    private static readonly string[] LookupNames = ChildNames.Concat(new[] { "n", "m", "k", "c3@0" }).ToArray();

    private static readonly Gen<(int Op, int Name, byte Value)[]> Operations =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 63], Gen.Byte).Array[0, 400];

    [Fact]
    public void The_builder_agrees_with_a_list_model()
    {
        Operations.Sample(ops =>
        {
            var b = new DeviceTreeBuilder();
            DeviceTreeNodeBuilder node = b.Root;
            var properties = new List<(string Name, byte Value)>();
            var children = new List<string>();
            foreach ((int op, int n, byte value) in ops)
            {
                string property = PropertyNames[n % PropertyNames.Length];
                string child = ChildNames[n % ChildNames.Length];
                switch (op)
                {
                    case 0:
                    case 1:
                        node.SetBytes(property, new[] { value });
                        int at = properties.FindIndex(p => p.Name == property);
                        if (at >= 0)
                        {
                            properties[at] = (property, value);
                        }
                        else
                        {
                            properties.Add((property, value));
                        }

                        break;
                    case 2:
                        Assert.Equal(properties.RemoveAll(p => p.Name == property) > 0, node.RemoveProperty(property));
                        break;
                    case 3:
                        if (children.Contains(child))
                        {
                            Assert.Throws<System.ArgumentException>(() => node.AddChild(child));
                        }
                        else
                        {
                            node.AddChild(child);
                            children.Add(child);
                        }

                        break;
                    case 4:
                        node.AddOrReplaceChild(new DeviceTreeNode(child, new[] { new DeviceTreeProperty("v", new[] { value }) }, System.Array.Empty<DeviceTreeNode>()));
                        if (!children.Contains(child))
                        {
                            children.Add(child);
                        }

                        break;
                    case 5:
                        Assert.Equal(children.Remove(child), node.RemoveChild(child));
                        break;
                    case 6:
                        string lookup = LookupNames[n % LookupNames.Length];
                        Assert.Equal(ModelGetChild(children, lookup), node.GetChild(lookup)?.Name);
                        Assert.Equal(properties.Any(p => p.Name == property), node.HasProperty(property));
                        break;
                    default:
                        // Reading the lists compacts them; later operations must still agree.
                        Assert.Equal(properties.Select(p => p.Name), node.Properties.Select(p => p.Key));
                        Assert.Equal(children, node.Children.Select(c => c.Name));
                        break;
                }
            }

            DeviceTreeNode built = b.Build().Root;
            Assert.Equal(properties.Select(p => p.Name), built.Properties.Select(p => p.Name));
            Assert.Equal(properties.Select(p => p.Value), built.Properties.Select(p => p.Value.Span[0]));
            Assert.Equal(children, built.Children.Select(c => c.Name));
        });
    }

    /// <summary>Exact name first, else the single child of that base name when the name has no unit address.</summary>
    private static string? ModelGetChild(List<string> children, string name)
    {
        if (children.Contains(name))
        {
            return name;
        }

        if (name.Contains('@'))
        {
            return null;
        }

        List<string> byBase = children.Where(c => c.StartsWith(name + "@", System.StringComparison.Ordinal)).ToList();
        return byBase.Count == 1 ? byBase[0] : null;
    }
}
