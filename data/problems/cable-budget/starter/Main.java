import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int n = Integer.parseInt(st.nextToken());
        int m = Integer.parseInt(st.nextToken());
        int[] u = new int[m], v = new int[m], c = new int[m], f = new int[m];
        for (int j = 0; j < m; j++) {
            st = new StringTokenizer(br.readLine());
            u[j] = Integer.parseInt(st.nextToken());
            v[j] = Integer.parseInt(st.nextToken());
            c[j] = Integer.parseInt(st.nextToken());
            f[j] = Integer.parseInt(st.nextToken());
        }
        // TODO: choose the cheapest set of proposed cables
        System.out.println(-1);
    }
}
