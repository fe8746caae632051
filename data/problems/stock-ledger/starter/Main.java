import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int q = Integer.parseInt(br.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < q; i++) {
            StringTokenizer st = new StringTokenizer(br.readLine());
            String op = st.nextToken();
            if (op.equals("#")) {
                long a = Long.parseLong(st.nextToken());
                long b = Long.parseLong(st.nextToken());
                // TODO: count the crates weighing between a and b
                out.append(0).append('\n');
            } else {
                long x = Long.parseLong(st.nextToken());
                if (op.equals("?")) {
                    // TODO: the weight of the x-th lightest crate
                    out.append(-1).append('\n');
                }
                // TODO: '+' and '-' change the shelf
            }
        }
        System.out.print(out);
    }
}
