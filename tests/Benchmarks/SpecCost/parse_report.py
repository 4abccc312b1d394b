import re, sys
def parse(path):
    t = open(path, errors='replace').read()
    r = {}
    m = re.search(r'^\s*(\d+) ms\s+Csc\s+\d+ calls', t, re.M); r['csc'] = int(m.group(1))/1000 if m else None
    m = re.search(r'^\s*(\d+) ms\s+WriteAgentProcessSpec\s+\d+ calls', t, re.M); r['task'] = int(m.group(1))/1000 if m else 0.0
    m = re.search(r'Total analyzer execution time: ([\d.]+)', t); r['analyzers_all'] = float(m.group(1)) if m else None
    m = re.search(r'Total generator execution time: ([\d.]+)', t); r['generators_all'] = float(m.group(1)) if m else None
    an = t[t.find('Total analyzer execution time'):t.find('Total generator execution time')] if 'Total generator execution time' in t else t[t.find('Total analyzer execution time'):]
    ge = t[t.find('Total generator execution time'):]
    def num(s):
        return 0.0 if s.startswith('<') else float(s)
    def get(sec, name):
        m = re.search(r'^\s*(<?[\d.]+)\s+<?\d+\s+' + re.escape(name) + r'\b', sec, re.M)
        return num(m.group(1)) if m else 0.0
    r['AR_analyzers'] = get(an, 'AgentRules.Analyzers, Version')
    r['spec_analyzer'] = get(an, 'AgentRules.Generators.ProcessSpec.ProcessSpecAnalyzer')
    r['AR_generators'] = get(ge, 'AgentRules.Generators, Version')
    r['spec_generator'] = get(ge, 'AgentRules.Generators.ProcessSpec.ProcessSpecGenerator')
    # The loop rules were one analyzer (AgentLoopAnalyzer, AGR0002 and AGR0003) before issue 16 gave each ID its own.
    r['loop_analyzer'] = get(an, 'AgentRules.Analyzers.Rules.AgentLoops.AgentLoopAnalyzer') + get(an, 'AgentRules.Analyzers.Rules.AGR0002AgentLoopWithoutIterationCapAnalyzer') + get(an, 'AgentRules.Analyzers.Rules.AGR0003AgentLoopWithoutStopSignalAnalyzer')
    return r
for p in sys.argv[1:]:
    r = parse(p)
    print(p.split('/')[-1], ' '.join(f'{k}={v}' for k, v in r.items()))
