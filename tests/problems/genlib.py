"""What every tests/problems/ID/gen.py shares: where its problem's tests go,
and writing them with the reference answers.

    write_tests = genlib.tests_writer(__file__)
    write_tests([input_1, input_2, ...])
"""
import os
import subprocess
import sys


def tests_writer(gen_file):
    """Returns write_tests(inputs) for the problem whose gen.py is GEN_FILE."""
    here = os.path.dirname(os.path.abspath(gen_file))
    problem = os.path.basename(here)
    dest = os.path.normpath(os.path.join(here, '..', '..', '..', 'data', 'problems', problem, 'tests'))

    def write_tests(inputs):
        """Writes inputs as 01.in, 02.in, ... and the reference answers as .out."""
        os.makedirs(dest, exist_ok=True)
        for name in os.listdir(dest):
            if name.endswith('.in') or name.endswith('.out'):
                os.remove(os.path.join(dest, name))
        for i, text in enumerate(inputs, 1):
            base = os.path.join(dest, '%02d' % i)
            with open(base + '.in', 'w') as f:
                f.write(text)
            out = subprocess.run([sys.executable, os.path.join(here, 'solution.py')],
                                 input=text.encode(), stdout=subprocess.PIPE, check=True).stdout
            with open(base + '.out', 'wb') as f:
                f.write(out)
        print('%s: wrote %d tests' % (problem, len(inputs)))

    return write_tests
